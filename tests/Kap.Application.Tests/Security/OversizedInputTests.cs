using Kap.Application.Common.Results;
using Kap.Application.Features.Dosing;
using Kap.Application.Features.Integration;
using Kap.Application.Features.Preparation.PreparationNotes;
using Kap.Application.Tests.Features.Integration;
using Kap.Domain.Integration;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Tests.Security;

/// <summary>A 1 MB note is refused with a message and changes nothing (issue 8): the validators bound every free text.</summary>
public sealed class OversizedInputTests : IntegrationTest
{
    private static readonly string Megabyte = new('x', 1024 * 1024);

    [Fact]
    public async Task One_megabyte_notes_are_refused_with_a_message_and_nothing_is_written()
    {
        await CourseInDosingAsync();
        var session = await GiveDoseAsync();
        await using var before = _app.Db();
        var counts = (await before.IntegrationNotes.CountAsync(), await before.SessionNotes.CountAsync(), await before.PreparationNotes.CountAsync(),
            await before.Patients.CountAsync());

        _clinic.AsTherapistA();
        AssertRefused(await _app.SendAsync(Note(_course, session) with { Experience = Megabyte }));
        AssertRefused(await _app.SendAsync(new RecordPreparationNoteCommand(_course, null, Megabyte, null)));
        AssertRefused(await _app.SendAsync(Kap.Application.Tests.Infrastructure.Clinic.ValidPatient(Megabyte)));
        _clinic.AsNpA();
        AssertRefused(await _app.SendAsync(new AddSessionNoteCommand(session, Megabyte)));

        await using var after = _app.Db();
        Assert.Equal(counts, (await after.IntegrationNotes.CountAsync(), await after.SessionNotes.CountAsync(), await after.PreparationNotes.CountAsync(),
            await after.Patients.CountAsync()));
    }

    private static void AssertRefused(Result result)
    {
        Assert.False(result.IsSuccess);
        Assert.Equal(ErrorKind.Validation, result.Error!.Kind);
        var text = result.Error.Message + " " + string.Join(" ", result.Error.Fields?.Values.SelectMany(v => v) ?? []);
        Assert.Matches("(under|at most|characters|too long)", text);
        Assert.DoesNotContain(Megabyte[..100], text, StringComparison.Ordinal);
    }
}
