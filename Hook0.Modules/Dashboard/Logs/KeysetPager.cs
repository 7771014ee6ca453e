namespace Hook0.Modules.Dashboard.Logs;

/// <summary>
/// Newer/older paging over keyset cursors: the cursors of the pages above this one are kept, so "newer"
/// goes back without an offset or a count. An empty stack is the first (newest) page.
/// </summary>
public sealed class KeysetPager
{
    private readonly Stack<string> _above = new();

    /// <summary>The cursor of the page shown now (null: the first page).</summary>
    public string? Current { get; private set; }

    /// <summary>The cursor of the next older page, from the last answer (null: no older page).</summary>
    public string? Next { get; set; }

    public bool OnFirstPage => Current is null;

    public bool HasNewer => Current is not null;

    public bool HasOlder => Next is not null;

    public int PageNumber => _above.Count + (Current is null ? 1 : 2);

    public void Older()
    {
        if (Next is null)
        {
            return;
        }

        if (Current is not null)
        {
            _above.Push(Current);
        }

        Current = Next;
        Next = null;
    }

    public void Newer()
    {
        Current = _above.Count > 0 ? _above.Pop() : null;
        Next = null;
    }

    public void Reset()
    {
        _above.Clear();
        Current = null;
        Next = null;
    }
}
