using Hook0.Bench.Ceilings;

// Usage:
//   ingest-endpoint <connectionString> <port>          a bare POST /api/v1/event host (raw Npgsql), until killed
//   batch-endpoint <connectionString> <port>           a bare POST /api/v1/events/batch host: a batch's events and attempts in one transaction
//   e2e-endpoint <connectionString> <port>             the same host, its attempts insert sending NOTIFY, plus a LISTEN → claim → post → record loop
//   network <url> <posts> <concurrency>                only the HTTP posts, same client settings (prints JSON)
//   bookkeeping <connectionString> <concurrency>       claim a batch, post, record (raw SQL) until the backlog is empty (prints JSON)
//   wave-one <connectionString> <concurrency>          the same loop with wave one's claim and record statements on bench_v1 (bench/core.sh)
//   new-shape <connectionString> <concurrency>         the same loop on the second design's queue and history (bench/core.sh)
//   retention <connectionString> <rows>                a day of history dropped as a partition vs deleted in batches from bench_v1 (prints JSON)
return args switch
{
    ["ingest-endpoint", var db, var port] => await BareIngest.RunAsync(db, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["batch-endpoint", var db, var port] => await BareBatchIngest.RunAsync(db, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["e2e-endpoint", var db, var port] => await BareEndToEnd.RunAsync(db, int.Parse(port, System.Globalization.CultureInfo.InvariantCulture)),
    ["network", var url, var posts, var concurrency] => await BareDelivery.NetworkAsync(url, int.Parse(posts, System.Globalization.CultureInfo.InvariantCulture),
        int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    ["bookkeeping", var db, var concurrency] => await BareDelivery.BookkeepingAsync(db, int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    ["wave-one", var db, var concurrency] => await WaveOneLoop.RunAsync(db, int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    ["new-shape", var db, var concurrency] => await NewShapeLoop.RunAsync(db, int.Parse(concurrency, System.Globalization.CultureInfo.InvariantCulture)),
    ["retention", var db, var rows] => await RetentionBench.RunAsync(db, int.Parse(rows, System.Globalization.CultureInfo.InvariantCulture)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: ingest-endpoint <db> <port> | batch-endpoint <db> <port> | e2e-endpoint <db> <port> | network <url> <posts> <concurrency> | bookkeeping <db> <concurrency>"
        + " | wave-one <db> <concurrency> | new-shape <db> <concurrency> | retention <db> <rows>");
    return 2;
}
