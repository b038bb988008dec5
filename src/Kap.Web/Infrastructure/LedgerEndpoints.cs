using System.Globalization;
using System.Text;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Ledger;
using Mediator;

namespace Kap.Web.Infrastructure;

internal static class LedgerEndpoints
{
    public const string ExportPath = "/ledger/export.csv";

    public static string ExportUrl(DateOnly from, DateOnly to) =>
        string.Create(CultureInfo.InvariantCulture, $"{ExportPath}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}");

    /// <summary>
    /// GET /ledger/export.csv?from=yyyy-MM-dd&amp;to=yyyy-MM-dd: the controlled-substance ledger for an inspection. The
    /// endpoint requires the ControlledSubstances policy and still sends the query through Mediator, so the export is
    /// authorized by the message's own policy and audited like any read of health information.
    /// </summary>
    public static IEndpointRouteBuilder MapLedgerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, async (string? from, string? to, HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        {
            if (!TryParseDay(from, out var fromDay) || !TryParseDay(to, out var toDay))
            {
                return Results.BadRequest("Give the dates as from=yyyy-MM-dd&to=yyyy-MM-dd.");
            }

            var result = await sender.Send(new ExportLedgerCsvQuery(fromDay, toDay), cancellationToken);
            if (!result.IsSuccess)
            {
                return result.Error!.Kind switch
                {
                    ErrorKind.Forbidden => Results.Forbid(),
                    ErrorKind.Validation => Results.BadRequest(result.Error.Message),
                    _ => Results.Problem(result.Error.Message),
                };
            }

            // Health information: never kept by a browser or proxy cache.
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            // A byte-order mark so spreadsheets read the names' accents as UTF-8.
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(result.Value.Content)).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", result.Value.FileName);
        }).RequireAuthorization(KapPolicies.ControlledSubstances);
        return endpoints;
    }

    private static bool TryParseDay(string? value, out DateOnly day) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
}
