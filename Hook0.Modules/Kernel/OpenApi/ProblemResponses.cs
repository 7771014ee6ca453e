using Hook0.Modules.Kernel.Errors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hook0.Modules.Kernel.OpenApi;

/// <summary>The problem answers any API endpoint may give, declared once for the OpenAPI document.</summary>
public static class ProblemResponses
{
    public const string ContentType = "application/problem+json";

    /// <summary>Statuses an anonymous endpoint cannot answer; the document drops them from public operations.</summary>
    public static readonly int[] AuthStatuses = [StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden];

    private static readonly int[] Statuses =
    [
        StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
        StatusCodes.Status404NotFound, StatusCodes.Status422UnprocessableEntity, StatusCodes.Status500InternalServerError,
    ];

    public static TBuilder ProducesStandardProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in Statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemDocument), [ContentType]));
        }

        return builder;
    }
}
