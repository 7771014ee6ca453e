namespace Hook0.Tests.Delivery;

/// <summary>A random source that always draws the same value, so jittered delays are exact.</summary>
internal sealed class FixedRandom(double value) : Random
{
    public override double NextDouble() => value;

    protected override double Sample() => value;
}
