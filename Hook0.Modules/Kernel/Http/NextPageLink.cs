using Hook0.Modules.Kernel.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hook0.Modules.Kernel.Http;

/// <summary>
/// Keyset paging's <c>Link: &lt;…&gt;; rel="next"</c> header, as upstream builds it: from APP_URL, with
/// the request's own filters repeated and the cursor of the page's last row.
/// </summary>
public static class NextPageLink
{
    public static void Add(HttpContext http, string cursorParameter, string cursor)
    {
        var appUrl = http.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.AppUrl.TrimEnd('/');
        var query = new QueryBuilder(http.Request.Query.Where(q => q.Key != cursorParameter)
            .SelectMany(q => q.Value.Select(v => KeyValuePair.Create(q.Key, v ?? string.Empty))))
        {
            { cursorParameter, cursor },
        };
        http.Response.Headers.Link = $"<{appUrl}{http.Request.Path}{query.ToQueryString()}>; rel=\"next\"";
    }
}
