using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Security;
using Kap.Infrastructure.Jobs;
using Kap.Infrastructure.Persistence;
using Kap.Infrastructure.Seeding;
using Kap.Web.Components;
using Kap.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using MudBlazor.Services;

namespace Kap.Web;

public static class WebServices
{
    /// <summary>However active, a sign-in lasts at most this long (issue 8).</summary>
    public static readonly TimeSpan AbsoluteLifetime = TimeSpan.FromHours(12);

    public static IServiceCollection AddWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddKapMediator();
        services.AddKapJobs(configuration);
        // Detailed circuit errors only in Development; a bounded message size keeps one client from tying up the server.
        services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = configuration.GetValue("DetailedErrors", false))
            .AddHubOptions(o => o.MaximumReceiveMessageSize = 64 * 1024);
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddMudServices();
        services.AddHttpContextAccessor();

        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.LogoutPath = "/account/logout";
            o.AccessDeniedPath = "/account/access-denied";
            o.Cookie.Name = "kap.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure wherever HTTPS is used (always outside Development, where HTTP redirects to HTTPS).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = AbsoluteLifetime;
            // Not sliding: the security-stamp check renews the cookie every minute but keeps its expiry (Http/StaffMfaTests).
            o.SlidingExpiration = false;
            o.Events.OnValidatePrincipal = async context =>
            {
                // A patient idle past the portal's limit is signed out on their next request (issue 7).
                var idle = context.HttpContext.RequestServices.GetRequiredService<IdleSessions>();
                if (context.Principal is { } principal && idle.IsExpired(principal))
                {
                    idle.Forget(principal);
                    context.RejectPrincipal();
                    await Microsoft.AspNetCore.Authentication.AuthenticationHttpContextExtensions.SignOutAsync(context.HttpContext, IdentityConstants.ApplicationScheme);
                    return;
                }

                if (context.Principal is { } active)
                {
                    idle.Touch(active);
                }

                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        services.AddSingleton<IdleSessions>();

        // Signing out everywhere, disabling a user or changing their roles changes the security stamp: a cookie is
        // re-checked against it at most a minute later (the circuit is re-checked every minute too).
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.ValidationInterval = TimeSpan.FromMinutes(1);
            o.OnRefreshingPrincipal = StaffSecondFactorSetup.KeepSignInMethod;
        });
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Kap.Application.Common.Options.SecurityOptions>, SecurityOptionsEnvironmentCheck>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, IdleCircuitHandler>();
        services.AddAuthorization(KapPolicies.Configure);
        services.AddAccessRefusalAudit();

        services.AddScoped<ICurrentUser, CurrentUser>();
        services.AddSingleton<IAppLinks, AppLinks>();
        services.AddSingleton<ClinicTime>();
        services.AddCalendarFeedRateLimit();
        return services;
    }

    /// <summary>
    /// Mediator's source generator lives in this project, so AddMediator must be called here (see
    /// docs/architecture.md). The behaviors are listed outermost first.
    /// </summary>
    public static IServiceCollection AddKapMediator(this IServiceCollection services) =>
        services.AddMediator((MediatorOptions options) =>
        {
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.Assemblies = [typeof(Kap.Application.DependencyInjection)];
            options.PipelineBehaviors =
            [
                typeof(Kap.Application.Common.Behaviors.LoggingBehavior<,>),
                typeof(Kap.Application.Common.Behaviors.UnhandledExceptionBehavior<,>),
                typeof(Kap.Application.Common.Behaviors.AuthorizationBehavior<,>),
                typeof(Kap.Application.Common.Behaviors.ValidationBehavior<,>),
                typeof(Kap.Application.Common.Behaviors.WitnessVerificationBehavior<,>),
                typeof(Kap.Application.Common.Behaviors.AuditAndTransactionBehavior<,>),
            ];
        });

    public static WebApplication UseWeb(this WebApplication app)
    {
        app.UseKapSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseAntiforgery();
        app.UseRateLimiter();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapAccountEndpoints();
        app.MapLedgerEndpoints();
        app.MapAuditEndpoints();
        app.MapCalendarFeedEndpoints();
        app.MapKapJobsDashboard();
        return app;
    }

    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        var logins = await DatabaseInitializer.InitializeAsync(app.Services);
        HangfireSetup.ScheduleKapJobs(app.Services);
        app.Lifetime.ApplicationStarted.Register(() => PrintWelcome(app, logins));
    }

    private static void PrintWelcome(WebApplication app, DemoLogins? logins)
    {
        var urls = string.Join(", ", app.Urls);
        var lines = new List<string> { "", $"Kap is running at {urls}" };
        if (logins is not null)
        {
            lines.Add($"Demo logins (password for all: {logins.Password}):");
            lines.AddRange(logins.Logins.Select(l => $"  {KapRoles.Describe(l.Role),-20} {l.Email,-30} {l.Name}"));
        }
        else if (app.Configuration.GetValue("Kap:SeedDemoData", false))
        {
            lines.Add($"Demo logins: see README.md (password {DemoData.Password}); the database already had users, so nothing was seeded.");
        }

        if (!app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<Kap.Application.Common.Options.SecurityOptions>>().Value.RequireStaffMfa)
        {
            lines.Add("Staff sign in with the password alone here (Development). Add -- --Security:RequireStaffMfa=true to require an authenticator app, as a clinic does.");
        }

        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
