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

    /// <summary>The cursors of the pages above, first page's first, comma-separated (cursors are base64url): for the address.</summary>
    public string? AboveText => _above.Count == 0 ? null : string.Join(',', _above.Reverse());

    /// <summary>Back to a position read from the address: its cursor and the cursors above it (at most <see cref="MaxAbove"/>).</summary>
    public void Restore(string? current, string? above)
    {
        Reset();
        if (string.IsNullOrEmpty(current))
        {
            return;
        }

        foreach (var cursor in (above ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MaxAbove))
        {
            _above.Push(cursor);
        }

        Current = current;
    }

    public const int MaxAbove = 100;

    public void Reset()
    {
        _above.Clear();
        Current = null;
        Next = null;
    }
}
