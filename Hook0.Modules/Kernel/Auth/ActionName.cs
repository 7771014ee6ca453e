namespace Hook0.Modules.Kernel.Auth;

/// <summary>
/// An upstream action name (<c>resource:verb</c>, e.g. <c>event:ingest</c>). A type rather than a string so that only
/// the names <see cref="Actions"/> declares can be authorized: a literal typed at a call site does not compile, and a
/// misspelt action can no longer slip through as a refusal nobody notices. Compared by name; the name is what
/// the Datalog policy and attenuation blocks see.
/// </summary>
public sealed record ActionName
{
    // Internal: Actions is the one place that declares them (ActionNameTests checks nobody else does).
    internal ActionName(string name) => Name = name;

    public string Name { get; }

    public override string ToString() => Name;
}
