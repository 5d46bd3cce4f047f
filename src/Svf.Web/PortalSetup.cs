using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Svf.Application;
using Svf.Storage;
using Svf.Web.Api;
using Svf.Web.Auth;
using Svf.Web.Infrastructure;

namespace Svf.Web;

/// <summary>How the portal is put together: services, authentication, limits, then the pipeline and the endpoints.</summary>
public static class PortalSetup
{
    public const string SmartScheme = "Portal";
    public const string LoginLimit = "login";
    public const string UploadLimit = "upload";
    public const string SessionCookie = "svf.session";

    public static void AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<PortalOptions>().BindConfiguration(PortalOptions.Section);
        var options = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();

        services.TryAddSingleton(TimeProvider.System);
        services.AddSvfCore(options);
        services.AddSingleton<PasswordSignIn>();

        // Kestrel's own ceiling is the upload limit; RequestLimits narrows every other request to MaxRequestBytes.
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxUploadBytes);
        services.Configure<FormOptions>(f => f.MultipartBodyLengthLimit = options.MaxUploadBytes);

        services.AddAuthentication(SmartScheme)
            .AddPolicyScheme(SmartScheme, "Cookie or bearer", p => p.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, c =>
            {
                c.Cookie.Name = SessionCookie;
                c.Cookie.HttpOnly = true;
                c.Cookie.SameSite = SameSiteMode.Lax;
                c.Cookie.SecurePolicy = options.AllowHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                c.ExpireTimeSpan = TimeSpan.FromMinutes(options.SessionMinutes);
                c.SlidingExpiration = true;
                c.LoginPath = "/logga-in";
                c.LogoutPath = "/logga-ut";
                c.AccessDeniedPath = "/fel";
                c.Events = CookieEvents.Create();
            })
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        if (options.Oidc.Enabled)
        {
            OidcSetup.Add(services, options.Oidc);
        }
        services.AddAuthorization(a => a.FallbackPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());

        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "svf.af";
            a.Cookie.SecurePolicy = options.AllowHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
            a.HeaderName = "RequestVerificationToken";
        });

        services.AddRateLimiter(r =>
        {
            r.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            r.AddPolicy(LoginLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "-",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.LoginAttemptsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            r.AddPolicy(UploadLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(ctx.User.Identity?.Name ?? ctx.Connection.RemoteIpAddress?.ToString() ?? "-",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.UploadsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            r.OnRejected = (ctx, _) => new ValueTask(ErrorResponses.WriteAsync(ctx.HttpContext, StatusCodes.Status429TooManyRequests,
                "För många försök på kort tid. Vänta en minut och försök igen."));
        });

        // Swedish letters as they are in the HTML (not as &#xE4; entities): smaller pages, readable source.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        services.AddRazorPages(p =>
        {
            p.Conventions.AllowAnonymousToPage("/Login");
            p.Conventions.AllowAnonymousToPage("/Error");
        });
        services.AddOpenApi("v1", o => o.AddDocumentTransformer<OpenApiInfo>());
        services.AddProblemDetails();
    }

    /// <summary>The use-case services, configured from Portal:* (or the CLI's environment variables) and the host's clock.</summary>
    private static void AddSvfCore(this IServiceCollection services, PortalOptions options)
    {
        services.AddSvf(o =>
        {
            o.FromEnvironment();
            o.Database = options.Database ?? o.Database;
            o.PseudonymKey = options.PseudonymKey ?? o.PseudonymKey;
            o.PseudonymKeyFile = options.PseudonymKeyFile ?? (options.PseudonymKey is null ? o.PseudonymKeyFile : null);
            o.ReferenceDataDirectory = options.ReferenceDataDirectory;
            o.RulesDirectory = options.RulesDirectory;
        });
        services.AddOptions<SvfOptions>().Configure<TimeProvider>((o, clock) => o.Clock = clock);
        services.AddSingleton(sp => new AccountUseCases(sp.GetRequiredService<Storage.SvfDatabase>(), sp.GetRequiredService<ReferenceData.ReferenceDataSet>(),
            sp.GetRequiredService<TimeProvider>()));
    }

    public static void UsePortal(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<PortalOptions>>().Value;
        // Open (and migrate) the database and load the key before the first request, so a bad setting stops the start.
        var db = app.Services.GetRequiredService<SvfDatabase>();
        app.Services.GetRequiredService<SvfOptions>().CreatePseudonymizer();
        if (options.Demo)
        {
            DemoAccounts.Ensure(db, app.Services.GetRequiredService<TimeProvider>());
        }

        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = ErrorResponses.HandleException,
            StatusCodeSelector = ErrorResponses.StatusFor,
        });
        if (!options.AllowHttp)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseMiddleware<RequestLimits>();
        app.UseWhen(ctx => !ctx.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePagesWithReExecute("/fel", "?status={0}"));
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapGet("/healthz", Health.Check).AllowAnonymous().ExcludeFromDescription();
        app.MapOpenApi().AllowAnonymous();
        app.MapPortalApi();
        app.MapRazorPages();
    }
}
