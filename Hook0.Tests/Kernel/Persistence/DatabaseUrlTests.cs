using Hook0.Modules.Kernel.Persistence;
using Npgsql;

namespace Hook0.Tests.Kernel.Persistence;

public sealed class DatabaseUrlTests
{
    [Test]
    public void Postgres_url_becomes_a_connection_string()
    {
        var builder = new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("postgres://hook0:p%40ss@db.example:6543/hook0_prod?sslmode=require"));

        Assert.Multiple(() =>
        {
            Assert.That(builder.Host, Is.EqualTo("db.example"));
            Assert.That(builder.Port, Is.EqualTo(6543));
            Assert.That(builder.Username, Is.EqualTo("hook0"));
            Assert.That(builder.Password, Is.EqualTo("p@ss"));
            Assert.That(builder.Database, Is.EqualTo("hook0_prod"));
            Assert.That(builder.SslMode, Is.EqualTo(SslMode.Require));
        });
    }

    [Test]
    public void Url_without_port_uses_the_default_port()
        => Assert.That(new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("postgresql://u@h/d")).Port, Is.EqualTo(5432));

    [Test]
    public void Connection_string_is_accepted_as_is()
        => Assert.That(new NpgsqlConnectionStringBuilder(DatabaseUrl.ToConnectionString("Host=h;Port=1234;Database=d")).Port, Is.EqualTo(1234));
}
