using System.Reflection;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Tests.Infrastructure;
using Kap.Tests.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Application.Tests.Security;

/// <summary>
/// The authorization matrix over every Mediator message (issue 8), by role: the table (<see cref="AuthorizationMatrix.Messages"/>,
/// one file shared with the HTTP tests of pages and endpoints) says, for each message, which roles get past
/// authorization — P patient, T therapist, N nurse practitioner, A admin, S the system's own jobs, "-" anonymous. Each
/// cell is exercised through the real pipeline, and each refusal must leave a "forbidden" audit entry; a message
/// missing from the table, or a table row whose message no longer exists, fails. The record columns of the same table
/// (own record, another's, another's opened in an emergency) are exercised by <see cref="RecordRelationMatrixTests"/>.
/// </summary>
public sealed class AuthorizationMatrixTests : ClinicTest
{
    internal static readonly Type[] Messages = typeof(Kap.Application.DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))
        .OrderBy(t => t.Name)
        .ToArray();

    [Fact]
    public void Every_message_is_in_the_table_and_every_row_is_a_message()
    {
        var names = Messages.Select(t => t.Name).ToHashSet();
        Assert.Empty(names.Except(AuthorizationMatrix.Messages.Keys));
        Assert.Empty(AuthorizationMatrix.Messages.Keys.Except(names));
    }

    [Fact]
    public async Task Each_role_gets_past_authorization_exactly_where_the_table_says()
    {
        var patient = await _app.CreateUserAsync(KapRoles.Patient, "Pat Ient");
        var roles = new (char Code, Action SignIn)[]
        {
            ('-', () => _app.SignOut()),
            ('P', () => _app.SignInAs(patient, KapRoles.Patient)),
            ('T', _clinic.AsTherapistA),
            ('N', _clinic.AsNpA),
            ('A', _clinic.AsAdmin),
            ('S', _app.SignInAsSystem),
        };
        var wrong = new List<string>();
        foreach (var type in Messages)
        {
            var allowed = AuthorizationMatrix.AllowedRoles(type.Name);
            foreach (var (code, signIn) in roles)
            {
                signIn();
                var lastAudit = await LastAuditIdAsync();
                var refused = await IsRefusedByAuthorizationAsync(type);
                if (refused == allowed.Contains(code))
                {
                    wrong.Add($"{type.Name} as {code}: {(refused ? "refused" : "let through")}");
                }

                if (refused && !await ForbiddenIsAuditedAsync(type, lastAudit))
                {
                    wrong.Add($"{type.Name} as {code}: refused without a \"forbidden\" audit entry");
                }
            }
        }

        Assert.True(wrong.Count == 0, "Cells that differ from the table:\n" + string.Join("\n", wrong));
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = _app.Db();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    /// <summary>Whether the refusal left its entry: the message's action, not a success, "forbidden", after <paramref name="after"/>.</summary>
    private async Task<bool> ForbiddenIsAuditedAsync(Type type, long after)
    {
        var action = Kap.Application.Common.Operations.AuditWriter.ActionName(type);
        var user = (await _app.CurrentUser.GetPrincipalAsync()).FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
        await using var db = _app.Db();
        var entries = await db.AuditEntries.Where(e => e.Id > after && e.Action == action && !e.Success && e.Outcome == "forbidden").ToListAsync();
        return entries.Any(e => e.UserId?.ToString() == user);
    }

    /// <summary>Sends a message built from default values; authorization runs first, so a refusal there is Forbidden whatever the values.</summary>
    private async Task<bool> IsRefusedByAuthorizationAsync(Type type)
    {
        var message = Build(type);
        await using var scope = _app.Services.CreateAsyncScope();
        var sender = scope.ServiceProvider.GetRequiredService<ISender>();
        object? response;
        try
        {
            response = await sender.Send(message);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Past authorization, a message of default values may fail in its handler: it was not refused.
            return false;
        }

        return response is IResult { IsSuccess: false, Error.Kind: ErrorKind.Forbidden } result
            && result.Error!.Message is "You do not have permission to do this." or "Please sign in first.";
    }

    private static object Build(Type type)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = constructor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : Default(p.ParameterType)).ToArray();
        return constructor.Invoke(args);
    }

    private static object? Default(Type type)
    {
        if (type == typeof(string))
        {
            return "";
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() is var definition
            && (definition == typeof(IReadOnlyList<>) || definition == typeof(IEnumerable<>) || definition == typeof(IReadOnlyCollection<>) || definition == typeof(List<>)))
        {
            return Array.CreateInstance(type.GetGenericArguments()[0], 0);
        }

        return type.IsValueType ? Activator.CreateInstance(type) : null;
    }
}
