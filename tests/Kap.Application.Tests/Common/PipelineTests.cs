using System.Reflection;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Auditing;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Common;

public sealed class PipelineTests
{
    private static readonly Type[] Messages = typeof(Kap.Application.DependencyInjection).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IMessage).IsAssignableFrom(t))
        .ToArray();

    [Fact]
    public void The_application_has_messages_to_check()
    {
        Assert.True(Messages.Length >= 8, $"found only {Messages.Length} messages");
    }

    [Fact]
    public void Every_message_declares_an_authorization_policy()
    {
        var missing = Messages.Where(t => t.GetCustomAttribute<RequiresPolicyAttribute>() is null).Select(t => t.Name).ToList();
        Assert.True(missing.Count == 0, "Messages without [RequiresPolicy]: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_declared_policy_exists()
    {
        var known = typeof(KapPolicies).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        var unknown = Messages.Select(t => t.GetCustomAttribute<RequiresPolicyAttribute>()?.Policy).Where(p => p is not null && !known.Contains(p)).ToList();
        Assert.Empty(unknown);
    }

    [Fact]
    public void Every_message_returns_a_Result_so_the_pipeline_can_refuse_it()
    {
        var bad = Messages.Where(t =>
        {
            var response = t.GetInterfaces().Where(i => i.IsGenericType).Select(i => i.GetGenericArguments()[0]).FirstOrDefault();
            return response is null || !typeof(IResult).IsAssignableFrom(response);
        }).Select(t => t.Name).ToList();
        Assert.True(bad.Count == 0, "Messages not returning Result: " + string.Join(", ", bad));
    }

    [Fact]
    public void Messages_are_named_for_what_they_are()
    {
        var bad = Messages.Where(t =>
            (typeof(IBaseCommand).IsAssignableFrom(t) && !t.Name.EndsWith("Command", StringComparison.Ordinal)) ||
            (typeof(IBaseQuery).IsAssignableFrom(t) && !t.Name.EndsWith("Query", StringComparison.Ordinal))).Select(t => t.Name).ToList();
        Assert.Empty(bad);
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_or_deleted()
    {
        await using var app = await KapTestApp.CreateAsync();
        var clinic = await Clinic.CreateAsync(app);
        await clinic.PatientOfTherapistAAsync();

        await using (var db = app.Db())
        {
            var entry = await db.AuditEntries.FirstAsync();
            db.Entry(entry).Property(e => e.Action).CurrentValue = "Tampered";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var db = app.Db())
        {
            db.AuditEntries.Remove(await db.AuditEntries.FirstAsync());
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }

        await using (var db = app.Db())
        {
            Assert.DoesNotContain(await db.AuditEntries.ToListAsync(), (AuditEntry e) => e.Action == "Tampered");
        }
    }

    [Fact]
    public async Task A_command_whose_final_save_fails_rolls_back_everything_it_wrote()
    {
        await using var app = await KapTestApp.CreateAsync();
        var clinic = await Clinic.CreateAsync(app);
        clinic.AsTherapistA();
        // The handler's own save (patient, login, invitation) succeeds inside the transaction; then the
        // pipeline's audit insert fails. Nothing of the command may remain.
        app.Faults.FailNextInsertInto("AuditEntries");

        var result = await app.SendAsync(Clinic.ValidPatient("Half Written"));

        Assert.Equal(ErrorKind.Unexpected, result.Error!.Kind);
        Assert.Contains("nothing was saved", result.Error.Message);
        await using var db = app.Db();
        Assert.Equal(0, await db.Patients.CountAsync());
        Assert.Equal(0, await db.Invitations.CountAsync());
        Assert.Equal(0, await db.Users.CountAsync(u => u.PatientId != null));
        Assert.Empty(app.Invitations.Sent);
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "RegisterPatient");
        Assert.Equal("error", entry.Outcome);
    }

    [Fact]
    public async Task A_refused_command_leaves_an_audit_entry_and_no_change()
    {
        await using var app = await KapTestApp.CreateAsync();
        var clinic = await Clinic.CreateAsync(app);
        var (_, course) = await clinic.PatientOfTherapistAAsync();

        var result = await app.SendAsync(new Kap.Application.Features.Courses.ChangeCoursePhase.ChangeCoursePhaseCommand(course, Guid.NewGuid(), Kap.Domain.Courses.CoursePhase.Completed, null));

        Assert.Equal(ErrorKind.Rule, result.Error!.Kind);
        await using var db = app.Db();
        var entry = await db.AuditEntries.SingleAsync(a => a.Action == "ChangeCoursePhase");
        Assert.False(entry.Success);
        Assert.Equal("refused", entry.Outcome);
        Assert.Equal(course, entry.EntityId);
    }
}
