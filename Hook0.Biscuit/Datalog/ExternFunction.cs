namespace Hook0.Biscuit.Datalog;

/// <summary>
/// A host function callable from datalog as <c>x.extern::name()</c> (<paramref name="right"/> is null)
/// or <c>x.extern::name(y)</c>. Throwing any exception makes authorization fail with ExternEvalError.
/// </summary>
public delegate Term ExternFunction(Term left, Term? right);
