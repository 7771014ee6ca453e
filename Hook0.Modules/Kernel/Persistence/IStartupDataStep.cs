namespace Hook0.Modules.Kernel.Persistence;

/// <summary>
/// Work on the data that must be done once the schema is current and before anything else uses it
/// (sealing credentials left in clear by an older version, re-encrypting after a key rotation,
/// backfilling rows a migration could not make). <see cref="DatabaseMigrator"/> runs the steps in
/// registration order and opens the start-up gate only after them, so no request and no background
/// service ever sees the data half-upgraded, and <c>/readyz</c> says "not ready" meanwhile.
/// A step is idempotent and safe when several instances start together; a step that cannot finish
/// logs it and returns (the next start retries), since every step leaves the data usable.
/// </summary>
internal interface IStartupDataStep
{
    Task RunAsync(CancellationToken cancellationToken);
}
