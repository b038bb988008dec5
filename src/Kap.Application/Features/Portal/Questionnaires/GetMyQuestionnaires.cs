using Kap.Application.Common.Operations;
using Kap.Application.Common.Options;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Measures.GetDueMeasures;
using Kap.Domain.Measures;
using Kap.Domain.Portal;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Portal.Questionnaires;

/// <summary>
/// The questionnaires the signed-in patient has to fill in now (<see cref="MyQuestionnaires"/>), each with why, about how
/// long it takes, and the progress of a draft they started. A draft whose questionnaire is no longer due is still listed,
/// so answers already given (perhaps a concerning one) can be finished and sent.
/// </summary>
[RequiresPolicy(KapPolicies.Patient)]
public sealed record GetMyQuestionnairesQuery : IQuery<Result<IReadOnlyList<MyQuestionnaireDto>>>, IReadsHealthInformation;

/// <param name="Why">Why it is asked now, in the patient's words ("After your session on Tuesday 24 November").</param>
/// <param name="Questions">How many questions it has (fewer may be asked: the C-SSRS skips some after a "no").</param>
public sealed record MyQuestionnaireDto(Instrument Instrument, string Title, string About, string Why, int Minutes, int Questions, MyDraftDto? Draft);

/// <param name="Responses">The answers so far, one per item (null where unanswered).</param>
/// <param name="CurrentItem">The 1-based item the patient was on: the form resumes there.</param>
public sealed record MyDraftDto(Guid Id, IReadOnlyList<int?> Responses, int CurrentItem, int Answered, int Asked, DateTime UpdatedAtUtc)
{
    public static MyDraftDto From(QuestionnaireDraft draft)
    {
        var definition = InstrumentCatalog.Get(draft.Instrument);
        var responses = draft.ResponseSet();
        var asked = definition.Items.Count(i => definition.IsAsked(i.Number, responses));
        return new MyDraftDto(draft.Id, responses, draft.CurrentItem, asked - draft.Unanswered().Count, asked, draft.UpdatedAtUtc);
    }
}

public sealed class GetMyQuestionnairesHandler(IOperationContext context, PortalPatient portal, TimeProvider clock, IOptionsMonitor<PortalOptions> portalOptions,
    IOptionsMonitor<MeasureScheduleOptions> measures, IOptionsMonitor<ReminderOptions> reminders)
    : IQueryHandler<GetMyQuestionnairesQuery, Result<IReadOnlyList<MyQuestionnaireDto>>>
{
    public async ValueTask<Result<IReadOnlyList<MyQuestionnaireDto>>> Handle(GetMyQuestionnairesQuery query, CancellationToken cancellationToken)
    {
        var op = context.Current;
        var patient = await portal.CurrentAsync(op, cancellationToken);
        op.Subject(nameof(QuestionnaireDraft), null, patient?.Id);
        if (patient is null)
        {
            return Error.NotFound("Your patient record");
        }

        var course = await PortalPatient.CurrentCourseAsync(op, patient.Id, cancellationToken);
        if (course is null)
        {
            return Array.Empty<MyQuestionnaireDto>();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var schedule = measures.CurrentValue.ToSettings(reminders.CurrentValue.ToSettings().FollowUpMonthsAfterCourse);
        var due = await MyQuestionnaires.DueAsync(op, patient, course, schedule, portalOptions.CurrentValue, now, cancellationToken);
        var drafts = await op.Db.QuestionnaireDrafts.AsNoTracking().Where(d => d.PatientId == patient.Id && d.CourseId == course.Id)
            .OrderBy(d => d.StartedAtUtc).ToListAsync(cancellationToken);

        var zone = PortalPatient.Zone(patient);
        var list = due.Select(d => Dto(d.Instrument, string.Join(" · ", d.Reasons), drafts.FirstOrDefault(x => x.Instrument == d.Instrument))).ToList();
        list.AddRange(drafts.Where(x => due.All(d => d.Instrument != x.Instrument))
            .Select(x => Dto(x.Instrument, $"You started this on {MyQuestionnaires.Day(x.StartedAtUtc, zone)}", x)));
        return list;
    }

    private static MyQuestionnaireDto Dto(Instrument instrument, string why, QuestionnaireDraft? draft) =>
        new(instrument, MyQuestionnaires.Title(instrument), MyQuestionnaires.About(instrument), why, MyQuestionnaires.Minutes(instrument),
            InstrumentCatalog.Get(instrument).ItemCount, draft is null ? null : MyDraftDto.From(draft));
}
