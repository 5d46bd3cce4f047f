using Svf.Storage;

namespace Svf.Web.Infrastructure;

/// <summary>GET /healthz: 200 when the database answers a query, 503 otherwise (for load balancers and outside checks).</summary>
public static class Health
{
    public static IResult Check(SvfDatabase db)
    {
        try
        {
            using var c = db.OpenConnection();
            SvfDatabase.Scalar(c, null, "SELECT 1");
            return Results.Text("ok");
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or IOException)
        {
            return Results.Text("database unreachable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }
}
