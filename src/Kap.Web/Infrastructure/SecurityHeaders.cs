namespace Kap.Web.Infrastructure;

/// <summary>
/// The browser-side protections every response carries (issue 8, OWASP ASVS V14.4): a Content-Security-Policy that
/// allows only Kap's own scripts and forbids framing, no MIME sniffing, no referrer (URLs can carry tokens: calendar
/// feeds, invitations), no powerful browser features, and no caching of anything but fingerprinted static assets —
/// pages, API answers and exports all hold health information.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from Kap itself (Blazor's and MudBlazor's files); styles also inline, because MudBlazor sets
    /// element styles; the circuit's WebSocket to the same host; no plugins, no framing, forms only to Kap.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseKapSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers["Content-Security-Policy"] = ContentSecurityPolicy;
                headers["X-Content-Type-Options"] = "nosniff";
                headers["X-Frame-Options"] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                if (!IsStaticAsset(context.Request.Path))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            await next();
        });

    /// <summary>Blazor's and MudBlazor's files and Kap's stylesheet: no health information, safe to cache.</summary>
    public static bool IsStaticAsset(PathString path) =>
        path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content") || path.Value is { } p
            && (p.EndsWith(".css", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".js", StringComparison.OrdinalIgnoreCase)
                || p.EndsWith(".woff2", StringComparison.OrdinalIgnoreCase) || p.EndsWith(".png", StringComparison.OrdinalIgnoreCase)
                || p.EndsWith(".ico", StringComparison.OrdinalIgnoreCase));
}
