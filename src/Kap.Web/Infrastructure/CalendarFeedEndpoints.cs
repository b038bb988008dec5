using System.Threading.RateLimiting;
using Kap.Application.Common.Results;
using Kap.Application.Features.Portal.CalendarFeed;
using Kap.Domain.Portal;
using Mediator;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;

namespace Kap.Web.Infrastructure;

internal static class CalendarFeedEndpoints
{
    public const string PathPrefix = "/calendar/";
    public const string ContentType = "text/calendar; charset=utf-8";
    public const string RateLimitPolicy = "calendar-feed";

    /// <summary>Requests per minute from one client address. Calendar apps poll every few minutes to once a day.</summary>
    public const int RequestsPerMinute = 60;

    /// <summary>
    /// Overrides <see cref="RequestsPerMinute"/> (read when a client's window starts). The load benchmark raises it, since
    /// all its clients share one loopback address (docs/benchmarks.md); production leaves it unset.
    /// </summary>
    public const string RequestsPerMinuteSetting = "Portal:CalendarFeedRequestsPerMinute";

    /// <summary>
    /// The feed's address: under Kap:PublicBaseUrl when it is set (the address patients' phones can reach), else under
    /// the address the patient's browser is using now.
    /// </summary>
    public static Uri FeedUri(string? publicBaseUrl, string currentBaseUri, string token)
    {
        var root = string.IsNullOrWhiteSpace(publicBaseUrl) ? currentBaseUri : publicBaseUrl;
        return new Uri(new Uri(root.EndsWith('/') ? root : root + "/"), $"calendar/{token}.ics");
    }

    /// <summary>The same address as webcal://, which phones and Macs open as "subscribe to this calendar".</summary>
    public static string WebcalUri(Uri feed) => "webcal" + feed.AbsoluteUri[feed.Scheme.Length..];

    public static IServiceCollection AddCalendarFeedRateLimit(this IServiceCollection services) =>
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) =>
            {
                NoStatusCodePage(context.HttpContext);
                context.HttpContext.Response.Headers.RetryAfter = "60";
                return ValueTask.CompletedTask;
            };
            // Per client address (the proxy's X-Forwarded-For when ASPNETCORE_FORWARDEDHEADERS_ENABLED is set): bounds the
            // database reads and audit entries that anyone, signed in or not, can cause by fetching feed addresses.
            options.AddPolicy(RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = http.RequestServices.GetRequiredService<IConfiguration>().GetValue(RequestsPerMinuteSetting, RequestsPerMinute),
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                }));
        });

    /// <summary>
    /// GET /calendar/{token}.ics: the patient's appointments as iCalendar, for calendar apps, which send no cookie — the
    /// 256-bit token is the credential. Anonymous by design; the query declares the Anonymous policy and is audited as a
    /// read of health information. Unknown, revoked and malformed tokens get the same empty 404, and nothing here logs the
    /// path or the token.
    /// </summary>
    public static IEndpointRouteBuilder MapCalendarFeedEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(PathPrefix + "{token}.ics", async (string token, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        {
            // A calendar app wants a bare status, not the site's "page not found" HTML.
            NoStatusCodePage(http);
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers["X-Robots-Tag"] = "noindex";

            // Not even a token: answered without the pipeline, so junk costs no database work and no audit entry.
            if (!CalendarFeed.LooksLikeToken(token))
            {
                return Results.NotFound();
            }

            var result = await sender.Send(new GetCalendarFeedIcsQuery(token), cancellationToken);
            if (!result.IsSuccess)
            {
                return result.Error!.Kind == ErrorKind.NotFound ? Results.NotFound() : Results.StatusCode(StatusCodes.Status500InternalServerError);
            }

            return Results.Text(result.Value, ContentType);
        }).AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        return endpoints;
    }

    private static void NoStatusCodePage(HttpContext http)
    {
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages)
        {
            pages.Enabled = false;
        }
    }
}
