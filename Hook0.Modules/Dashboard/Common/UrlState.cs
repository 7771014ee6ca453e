using Microsoft.AspNetCore.Components;

namespace Hook0.Modules.Dashboard.Common;

/// <summary>
/// A list page's view (filters, paging position, tab) kept in its query string, so reload, back/forward and a pasted
/// link give the same view. The page reads it through <c>[SupplyParameterFromQuery]</c>; a change is a navigation
/// (a history entry, not a replace), and the router then hands the page its new parameters.
/// </summary>
public static class UrlState
{
    /// <summary>Bound on what the page writes: a query value longer than this is dropped, not written.</summary>
    public const int MaxValueLength = 2000;

    /// <summary>The current address with these query values (null or empty removes one; others are kept).</summary>
    public static string With(NavigationManager navigation, params (string Name, string? Value)[] values)
        => navigation.GetUriWithQueryParameters(values.ToDictionary(v => v.Name,
            v => string.IsNullOrEmpty(v.Value) || v.Value.Length > MaxValueLength ? null : (object?)v.Value, StringComparer.Ordinal));

    /// <summary>
    /// Goes to <paramref name="uri"/> as a new history entry; false when it is the address already shown (the router
    /// would not set the page's parameters again, so the caller reloads itself).
    /// </summary>
    public static bool Go(NavigationManager navigation, string uri)
    {
        if (string.Equals(navigation.ToAbsoluteUri(uri).ToString(), navigation.Uri, StringComparison.Ordinal))
        {
            return false;
        }

        navigation.NavigateTo(uri, replace: false);
        return true;
    }
}
