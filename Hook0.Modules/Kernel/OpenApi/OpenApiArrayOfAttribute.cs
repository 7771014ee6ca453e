namespace Hook0.Modules.Kernel.OpenApi;

/// <summary>
/// Documents a type read by its own converter as the JSON array it is on the wire (an array of
/// <paramref name="itemType"/>), instead of the object its .NET members would suggest.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class OpenApiArrayOfAttribute(Type itemType) : Attribute
{
    public Type ItemType { get; } = itemType;
}
