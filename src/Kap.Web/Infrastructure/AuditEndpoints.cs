using System.Globalization;
using System.Text;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Audit;
using Mediator;

namespace Kap.Web.Infrastructure;

internal static class AuditEndpoints
{
    public const string ExportPath = "/admin/audit/export.csv";

    /// <summary>The export link for <paramref name="filter"/>: only the filters that are set, dates as yyyy-MM-dd.</summary>
    public static string ExportUrl(AuditFilter filter)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name + "=" + Uri.EscapeDataString(value));
            }
        }

        Add("patientId", filter.PatientId?.ToString());
        Add("patient", filter.PatientName);
        Add("userId", filter.UserId?.ToString());
        Add("action", filter.Action);
        Add("from", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("to", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("success", filter.Success switch { true => "true", false => "false", null => null });
        return query.Count == 0 ? ExportPath : ExportPath + "?" + string.Join("&", query);
    }

    /// <summary>
    /// GET /admin/audit/export.csv?patientId=&amp;patient=&amp;userId=&amp;action=&amp;from=yyyy-MM-dd&amp;to=yyyy-MM-dd&amp;success=true|false:
    /// the audit entries the filters select. The endpoint requires the Admin policy and still sends the query through
    /// Mediator, so the export is authorized by the message's own policy and audited.
    /// </summary>
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(ExportPath, async (string? patientId, string? patient, string? userId, string? action, string? from, string? to, string? success,
            HttpContext http, ISender sender, CancellationToken cancellationToken) =>
        {
            if (!TryParseGuid(patientId, out var patientGuid) || !TryParseGuid(userId, out var userGuid)
                || !TryParseDay(from, out var fromDay) || !TryParseDay(to, out var toDay) || !TryParseBool(success, out var succeeded))
            {
                return Results.BadRequest("Give ids as GUIDs, dates as yyyy-MM-dd and success as true or false.");
            }

            var filter = new AuditFilter(patientGuid, patient, userGuid, action, fromDay, toDay, succeeded);
            var result = await sender.Send(new ExportAuditCsvQuery(filter), cancellationToken);
            if (!result.IsSuccess)
            {
                return result.Error!.Kind switch
                {
                    ErrorKind.Forbidden => Results.Forbid(),
                    ErrorKind.Validation or ErrorKind.Rule => Results.BadRequest(result.Error.Message),
                    _ => Results.Problem(result.Error.Message),
                };
            }

            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.Pragma = "no-cache";
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(result.Value.Content)).ToArray();
            return Results.File(bytes, "text/csv; charset=utf-8", result.Value.FileName);
        }).RequireAuthorization(KapPolicies.Admin);
        return endpoints;
    }

    private static bool TryParseGuid(string? value, out Guid? id)
    {
        id = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (Guid.TryParse(value, out var parsed))
        {
            id = parsed;
            return true;
        }

        return false;
    }

    private static bool TryParseDay(string? value, out DateOnly? day)
    {
        day = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }

    private static bool TryParseBool(string? value, out bool? result)
    {
        result = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (bool.TryParse(value, out var parsed))
        {
            result = parsed;
            return true;
        }

        return false;
    }
}
