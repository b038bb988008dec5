using System.Collections;
using System.Reflection;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Tests.Infrastructure;
using Kap.Infrastructure.Persistence;
using Kap.Tests.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Kap.Application.Tests.Security;

/// <summary>
/// A fuzz-style test over every Mediator message (issue 8): each is sent, as a role allowed to send it, with seeded
/// random hostile values — oversized, negative, extreme, NaN-like, undefined enum values, wrong time zones, script and
/// SQL text. Nothing may throw or come back as an unexpected error, and a refused message changes no table.
/// </summary>
public sealed class HostileInputTests : ClinicTest
{
    private const int RoundsPerMessage = 4;

    private static readonly string[] HostileText =
    [
        new string('x', 1_000_000), "<script>alert('x')</script>", "'; DROP TABLE Patients; --", "\u0000\u202e\uFFFF", "   ", "Mars/Olympus",
        "=HYPERLINK(\"http://x\")", "../../etc/passwd", "😀", "",
    ];

    [Fact]
    public async Task Every_message_survives_hostile_values_and_a_refusal_changes_nothing()
    {
        var (_, course) = await _clinic.PatientOfTherapistAAsync();
        var patient = await _app.CreateUserAsync(KapRoles.Patient, "Pat Ient");
        var random = new Random(20261124);
        var problems = new List<string>();
        foreach (var type in AuthorizationMatrixTests.Messages)
        {
            var allowed = AuthorizationMatrix.AllowedRoles(type.Name);
            for (var round = 0; round < RoundsPerMessage; round++)
            {
                SignInAllowed(allowed, patient);
                var message = Build(type, random, course);
                var before = await CountsAsync();
                object? response;
                try
                {
                    await using var scope = _app.Services.CreateAsyncScope();
                    response = await scope.ServiceProvider.GetRequiredService<ISender>().Send(message);
                }
                catch (Exception ex)
                {
                    problems.Add($"{type.Name} (round {round}) threw {ex.GetType().Name}");
                    continue;
                }

                if (response is IResult { IsSuccess: false } failed)
                {
                    if (failed.Error!.Kind == ErrorKind.Unexpected)
                    {
                        problems.Add($"{type.Name} (round {round}) failed unexpectedly");
                    }

                    var after = await CountsAsync();
                    if (!before.SequenceEqual(after))
                    {
                        problems.Add($"{type.Name} (round {round}) was refused ({failed.Error.Kind}) but changed the data");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private void SignInAllowed(IReadOnlySet<char> allowed, Guid patient)
    {
        if (allowed.Contains('A'))
        {
            _clinic.AsAdmin();
        }
        else if (allowed.Contains('T'))
        {
            _clinic.AsTherapistA();
        }
        else if (allowed.Contains('N'))
        {
            _clinic.AsNpA();
        }
        else if (allowed.Contains('P'))
        {
            _app.SignInAs(patient, KapRoles.Patient);
        }
        else
        {
            _app.SignInAsSystem();
        }
    }

    /// <summary>Row counts of every table but the audit trail (refusals are audited by design).</summary>
    private async Task<long[]> CountsAsync()
    {
        await using var db = _app.Db();
        var counts = new List<long>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is { } t && t != "AuditEntries" && !e.IsOwned()).OrderBy(e => e.Name))
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
            counts.Add(await set.LongCountAsync());
        }

        return [.. counts];
    }

    private static object Build(Type type, Random random, Guid course)
    {
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        return constructor.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, random, course, p.Name ?? "")).ToArray());
    }

    private static object? Value(Type type, Random random, Guid course, string name)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return random.Next(4) == 0 ? null : Value(underlying, random, course, name);
        }

        if (type == typeof(string))
        {
            return HostileText[random.Next(HostileText.Length)];
        }

        if (type == typeof(Guid))
        {
            // Sometimes a real course, so a message gets past "not found" into its rules.
            return random.Next(3) switch { 0 => Guid.Empty, 1 => course, _ => Guid.NewGuid() };
        }

        if (type == typeof(int))
        {
            return new[] { int.MinValue, -1, 0, 1, 7, int.MaxValue }[random.Next(6)];
        }

        if (type == typeof(long))
        {
            return new[] { long.MinValue, -1L, 0L, long.MaxValue }[random.Next(4)];
        }

        if (type == typeof(decimal))
        {
            return new[] { decimal.MinValue, -1m, 0m, 0.0000001m, 35m, decimal.MaxValue }[random.Next(6)];
        }

        if (type == typeof(double))
        {
            return new[] { double.NaN, double.PositiveInfinity, double.NegativeInfinity, -1d, 0d }[random.Next(5)];
        }

        if (type == typeof(bool))
        {
            return random.Next(2) == 0;
        }

        if (type == typeof(DateTime))
        {
            return new[] { DateTime.MinValue, DateTime.MaxValue, new DateTime(2026, 11, 24, 15, 0, 0, DateTimeKind.Local), new DateTime(2026, 3, 8, 2, 30, 0, DateTimeKind.Unspecified) }[random.Next(4)];
        }

        if (type == typeof(DateOnly))
        {
            return new[] { DateOnly.MinValue, DateOnly.MaxValue, new DateOnly(2026, 3, 8) }[random.Next(3)];
        }

        if (type == typeof(TimeOnly))
        {
            return new[] { TimeOnly.MinValue, TimeOnly.MaxValue, new TimeOnly(2, 30) }[random.Next(3)];
        }

        if (type.IsEnum)
        {
            return Enum.ToObject(type, random.Next(3) == 0 ? 999 : random.Next(3) == 0 ? -1 : 0);
        }

        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            var element = type.GetGenericArguments()[0];
            var length = new[] { 0, 1, 5, 5000 }[random.Next(4)];
            var array = Array.CreateInstance(element, length);
            for (var i = 0; i < Math.Min(length, 50); i++)
            {
                array.SetValue(Value(element, random, course, name), i);
            }

            return array;
        }

        if (type.IsValueType)
        {
            return Activator.CreateInstance(type);
        }

        // A record argument (e.g. a nested input): built the same way, one level deep.
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).FirstOrDefault();
        return constructor?.Invoke(constructor.GetParameters().Select(p => Value(p.ParameterType, random, course, p.Name ?? "")).ToArray());
    }
}
