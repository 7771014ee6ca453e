using Hook0.Biscuit.Authorization;
using Hook0.Biscuit.Datalog;
using Hook0.Biscuit.Errors;

namespace Hook0.Tests.Biscuit;

/// <summary>Every opcode family of specification §9, evaluated through an authorizer policy.</summary>
[TestFixture]
public sealed class ExpressionTests
{
    [TestCase("1 < 2")]
    [TestCase("2 > 1")]
    [TestCase("2 <= 2")]
    [TestCase("3 >= 2")]
    [TestCase("2020-01-01T00:00:00Z < 2021-01-01T00:00:00Z")]
    [TestCase("2021-01-01T01:00:00+01:00 === 2021-01-01T00:00:00Z")]
    public void Should_compare_integers_and_dates(string expression) => Assert.That(Holds(expression), Is.True);

    [TestCase("1 + 2 * 3 - 4 / 2 === 5")]
    [TestCase("-7 / 2 === -3")]
    [TestCase("(1 + 2) * 3 === 9")]
    [TestCase("-9223372036854775808 < 0")]
    [TestCase("1 | 2 ^ 3 === 0")]
    [TestCase("6 & 3 === 2")]
    [TestCase("5 ^ 1 === 4")]
    public void Should_compute_integer_arithmetic(string expression) => Assert.That(Holds(expression), Is.True);

    [TestCase("9223372036854775807 + 1 === 0", BiscuitErrorKind.Overflow)]
    [TestCase("-9223372036854775808 - 1 === 0", BiscuitErrorKind.Overflow)]
    [TestCase("10000000000 * 10000000000 === 0", BiscuitErrorKind.Overflow)]
    [TestCase("1 / 0 === 0", BiscuitErrorKind.DivideByZero)]
    [TestCase("-9223372036854775808 / -1 === 0", BiscuitErrorKind.DivideByZero)]
    [TestCase("1 === true", BiscuitErrorKind.InvalidType)]
    [TestCase("1 !== \"a\"", BiscuitErrorKind.InvalidType)]
    [TestCase("\"a\" < \"b\"", BiscuitErrorKind.InvalidType)]
    [TestCase("!1", BiscuitErrorKind.InvalidType)]
    [TestCase("1 + 1", BiscuitErrorKind.InvalidType)]
    [TestCase("true.length() === 1", BiscuitErrorKind.InvalidType)]
    [TestCase("$unbound === 1", BiscuitErrorKind.UnknownVariable)]
    [TestCase("1.extern::missing() === 1", BiscuitErrorKind.UndefinedExtern)]
    [TestCase("{1}.contains(null)", BiscuitErrorKind.InvalidType)]
    [TestCase("{1}.any($p -> {1}.all($p -> true))", BiscuitErrorKind.ShadowedVariable)]
    [TestCase("{1}.all($p -> 1)", BiscuitErrorKind.InvalidType)]
    [TestCase("1 && true", BiscuitErrorKind.InvalidType)]
    public void Should_abort_authorization_when_expression_fails(string expression, BiscuitErrorKind kind)
    {
        var error = Assert.Throws<ExecutionException>(() => Holds(expression));
        Assert.That(error!.Kind, Is.EqualTo(kind));
    }

    [TestCase("\"hello world\".starts_with(\"hello\")")]
    [TestCase("\"hello world\".ends_with(\"world\")")]
    [TestCase("\"hello world\".contains(\"o w\")")]
    [TestCase("\"ab\" + \"cd\" === \"abcd\"")]
    [TestCase("\"é\".length() === 2")]
    [TestCase("\"file123.txt\".matches(\"file[0-9]+.txt\")")]
    [TestCase("\"xfile1.txtx\".matches(\"file[0-9]+\")")]
    [TestCase("!\"abc\".matches(\"(\")")]
    public void Should_apply_string_operations(string expression) => Assert.That(Holds(expression), Is.True);

    [TestCase("hex:12ab === hex:12ab")]
    [TestCase("hex:12ab.length() === 2")]
    [TestCase("hex:12ab !== hex:12ac")]
    public void Should_apply_bytes_operations(string expression) => Assert.That(Holds(expression), Is.True);

    [TestCase("{1, 2}.contains(2)")]
    [TestCase("{1, 2}.contains({2})")]
    [TestCase("!{1, 2}.contains({3})")]
    [TestCase("{1, 2} === {2, 1}")]
    [TestCase("{1, 2}.intersection({2, 3}) === {2}")]
    [TestCase("{1, 2}.union({2, 3}) === {1, 2, 3}")]
    [TestCase("{,}.length() === 0")]
    [TestCase("{\"a\", \"b\"}.any($x -> $x == \"b\")")]
    public void Should_apply_set_operations(string expression) => Assert.That(Holds(expression), Is.True);

    [TestCase("[1, 2, 1].length() == 3")]
    [TestCase("[1, \"a\"].contains(\"a\")")]
    [TestCase("[1, 2, 3].starts_with([1, 2])")]
    [TestCase("[1, 2, 3].ends_with([3])")]
    [TestCase("[1, 2].get(1) == 2")]
    [TestCase("[1, 2].get(-1) == null")]
    [TestCase("[1, 2].get(9) == null")]
    [TestCase("[1, 2] != [2, 1]")]
    [TestCase("{\"a\": 1, 2: \"b\"}.get(\"a\") == 1")]
    [TestCase("{\"a\": 1, 2: \"b\"}.get(2) == \"b\"")]
    [TestCase("{\"a\": 1}.get(\"z\") == null")]
    [TestCase("{\"a\": 1}.contains(\"a\")")]
    [TestCase("!{\"a\": 1}.contains(true)")]
    [TestCase("{\"a\": 1, \"b\": 2} === {\"b\": 2, \"a\": 1}")]
    [TestCase("{\"a\": 1}.all($kv -> $kv.get(0) == \"a\" && $kv.get(1) == 1)")]
    [TestCase("{}.length() == 0")]
    public void Should_apply_array_and_map_operations(string expression) => Assert.That(Holds(expression), Is.True);

    [TestCase("1 == true", false)]
    [TestCase("1 != \"1\"", true)]
    [TestCase("null == null", true)]
    [TestCase("null != 1", true)]
    [TestCase("{1} == [1]", false)]
    public void Should_compare_values_of_different_kinds_leniently(string expression, bool expected) =>
        Assert.That(Holds(expression), Is.EqualTo(expected));

    [TestCase("1.type() == \"integer\"")]
    [TestCase("\"a\".type() == \"string\"")]
    [TestCase("(2023-12-28T00:00:00Z).type() == \"date\"")]
    [TestCase("hex:aa.type() == \"bytes\"")]
    [TestCase("true.type() == \"bool\"")]
    [TestCase("{1}.type() == \"set\"")]
    [TestCase("null.type() == \"null\"")]
    [TestCase("[1].type() == \"array\"")]
    [TestCase("{\"a\": 1}.type() == \"map\"")]
    public void Should_name_types(string expression) => Assert.That(Holds(expression), Is.True);

    [TestCase("!(false && (1 / 0 == 1))")]
    [TestCase("true || (1 / 0 == 1)")]
    [TestCase("!(false && \"x\".intersection(\"x\"))")]
    [TestCase("(1 / 0 == 1).try_or(true)")]
    [TestCase("(true === 12).try_or(true)")]
    [TestCase("((true === 12).try_or(true === 12)).try_or(true)")]
    [TestCase("{1, 2, 3}.any($p -> $p > 1 && {3, 4}.any($q -> $p == $q))")]
    public void Should_evaluate_lazily_and_catch_with_try_or(string expression) => Assert.That(Holds(expression), Is.True);

    [Test]
    public void Should_not_catch_errors_of_the_try_or_fallback()
    {
        var error = Assert.Throws<ExecutionException>(() => Holds("(true).try_or(1 === true)"));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidType));
    }

    [Test]
    public void Should_call_host_functions_and_wrap_their_failures()
    {
        var authorizer = new AuthorizerBuilder()
            .AddCode("allow if \"a\".extern::test(\"a\") == \"equal strings\", 5.extern::test() == 5;")
            .RegisterExtern("test", OfficialSamplesTests.SampleExternTest)
            .BuildWithoutToken();
        Assert.That(authorizer.Authorize().IsAuthorized, Is.True);

        var failing = new AuthorizerBuilder()
            .AddCode("allow if 1.extern::test(2);")
            .RegisterExtern("test", OfficialSamplesTests.SampleExternTest)
            .BuildWithoutToken();
        var error = Assert.Throws<ExecutionException>(() => failing.Authorize());
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.ExternEvalError));
    }

    [Test]
    public void Should_bind_variables_from_facts_in_expressions()
    {
        var authorizer = new AuthorizerBuilder()
            .AddCode("""limit(10); used(3); allow if limit($l), used($u), $u + 1 <= $l;""")
            .BuildWithoutToken();
        Assert.That(authorizer.Authorize().IsAuthorized, Is.True);
    }

    [Test]
    public void Should_treat_non_boolean_expression_result_as_type_error()
    {
        var error = Assert.Throws<ExecutionException>(() => Holds("1 + 1 + 1"));
        Assert.That(error!.Kind, Is.EqualTo(BiscuitErrorKind.InvalidType));
    }

    private static bool Holds(string expression) =>
        new AuthorizerBuilder()
            .AddPolicy($"allow if {expression}")
            .SetLimits(new RunLimits(1000, 100, TimeSpan.FromSeconds(5)))
            .BuildWithoutToken()
            .Authorize()
            .PolicyKind == PolicyKind.Allow;
}
