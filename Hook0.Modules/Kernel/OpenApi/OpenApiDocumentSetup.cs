using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace Hook0.Modules.Kernel.OpenApi;

/// <summary>
/// The OpenAPI document generated from the endpoints, shaped like upstream's: its title, the
/// <c>biscuit</c> apiKey scheme on <c>Authorization</c>, required by every non-public operation.
/// Member names come from the app's JSON options, so the schemas are snake_case like the wire.
/// </summary>
public static class OpenApiDocumentSetup
{
    public const string DocumentName = "v1";
    public const string Route = ModulesRegistration.ApiPrefix + "/swagger.json";
    private const string SchemeName = "biscuit";

    public static IServiceCollection AddHook0OpenApi(this IServiceCollection services)
        => services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "Hook0 API",
                    Version = "1.0.2",
                    Description = "Core REST API of Hook0 — Open-Source Webhooks as a service for SaaS",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.ApiKey,
                    In = ParameterLocation.Header,
                    Name = "Authorization",
                    Description = "Authentication using a Biscuit token, an application secret or the master key (use the format `Bearer TOKEN`)",
                };
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer(async (schema, context, cancellationToken) =>
            {
                if (context.JsonTypeInfo.Type.GetCustomAttributes(typeof(OpenApiArrayOfAttribute), false) is [OpenApiArrayOfAttribute array])
                {
                    schema.Type = JsonSchemaType.Array;
                    schema.Properties?.Clear();
                    schema.Items = await context.GetOrCreateSchemaAsync(array.ItemType, cancellationToken: cancellationToken);
                }
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
                {
                    foreach (var status in ProblemResponses.AuthStatuses)
                    {
                        operation.Responses?.Remove(status.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    }

                    return Task.CompletedTask;
                }

                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
                return Task.CompletedTask;
            });
        });
}
