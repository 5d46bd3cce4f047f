using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Svf.Web.Infrastructure;

/// <summary>Title and description of /openapi/v1.json.</summary>
public sealed class OpenApiInfo : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "SVF-uppföljning API";
        document.Info.Description = "Regions send their SVF files and read feedback, history and indicators; analysts read the national picture. " +
            "Authenticate with POST /api/v1/token, then send Authorization: Bearer TOKEN. See docs/portal.md.";
        return Task.CompletedTask;
    }
}
