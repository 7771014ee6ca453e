using Hook0.Bench.Ceilings;

// Usage:
//   ingest-endpoint <connectionString> <port>          a bare POST /api/v1/event host (raw Npgsql), until killed
//   e2e-endpoint <connectionString> <port>             the same host, its attempts insert sending NOTIFY, plus a LISTEN → claim → post → record loop
//   network <url> <posts> <concurrency>                only the HTTP posts, same client settings (prints JSON)
//   bookkeeping <connectionString> <concurrency>       claim a batch, post, record (raw SQL) until the backlog is empty (prints JSON)
return args switch
{
    ["ingest-endpoint", var db, var port] => await BareIngest.RunAsync(db, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["e2e-endpoint", var db, var port] => await BareEndToEnd.RunAsync(db, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["network", var url, var posts, var concurrency] => await BareDelivery.NetworkAsync(url, int.Parse(posts, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    ["bookkeeping", var db, var concurrency] => await BareDelivery.BookkeepingAsync(db, int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ingest-endpoint <db> <port> | e2e-endpoint <db> <port> | network <url> <posts> <concurrency> | bookkeeping <db> <concurrency>");
    return 2;
}
