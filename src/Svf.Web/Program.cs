using Svf.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddPortal();
var app = builder.Build();
app.UsePortal();
app.Run();

/// <summary>Visible to the tests' WebApplicationFactory&lt;Program&gt; (top-level statements make Program internal otherwise).</summary>
public partial class Program;
