using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Parser;

namespace Hook0.Biscuit.Engine;

/// <summary>
/// The first authorization in a process spends tens of milliseconds in JIT compilation, which the
/// time limit would count against the first real request. Running one representative
/// authorization, once per process and outside any budget, keeps the limit about datalog work.
/// </summary>
internal static class WarmUp
{
    private static readonly Lazy<bool> Done = new(Run, LazyThreadSafetyMode.ExecutionAndPublication);

    public static void EnsureDone() => _ = Done.Value;

    private static bool Run()
    {
        var code = DatalogParser.ParseAuthorizer("""
            n(1, "a", hex:00, 2020-01-01T00:00:00Z, [1], {"k": 1});
            m($x) <- n($x, $s, $b, $d, $a, $o), $x + 1 > 1, $s.starts_with("a"), $a.get(0) == 1;
            check if m($x), {1, 2}.contains($x) && [1].any($p -> $p === 1);
            check all m($x), $x.type() == "integer" || false;
            reject if m(2), "a".matches("b");
            allow if m(1);
            """);
        var block = new Block(code.Facts, code.Rules, code.Checks, []);
        var limits = new RunLimits(1000, 100, TimeSpan.FromSeconds(30));
        new Authorizer([], new AuthorizerContent(block, code.Policies), limits, new Dictionary<string, ExternFunction>(), warmUp: false).Authorize();
        return true;
    }
}
