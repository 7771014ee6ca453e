using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace Hook0.Modules.Delivery.Secrets;

/// <summary>
/// Keeps the Data Protection key ring in <c>webhook.data_protection_key</c>, so every instance shares
/// it and it survives restarts. Data Protection calls this synchronously, and rarely (start-up, key
/// creation every 90 days, a refresh when a key is not known yet).
/// </summary>
internal sealed class DatabaseXmlRepository(NpgsqlDataSource db) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = db.CreateCommand("SELECT xml FROM webhook.data_protection_key ORDER BY data_protection_key_id");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
        {
            elements.Add(XElement.Parse(reader.GetString(0)));
        }

        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var command = db.CreateCommand("INSERT INTO webhook.data_protection_key (friendly_name, xml) VALUES (@name, @xml)");
        command.Parameters.Add(new NpgsqlParameter<string>("name", friendlyName));
        command.Parameters.Add(new NpgsqlParameter<string>("xml", element.ToString(SaveOptions.DisableFormatting)));
        command.ExecuteNonQuery();
    }
}
