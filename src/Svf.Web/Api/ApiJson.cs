using System.Text.Json;
using Svf.Output;

namespace Svf.Web.Api;

/// <summary>The API's JSON: the same snake_case names as the CSV/JSON exports (docs/output-columns.md).</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(TableExport.JsonOptions) { WriteIndented = false };
}
