using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Application.Features.Courses.AddMaintenanceDosing;
using Kap.Application.Features.Courses.ChangeCoursePhase;
using Kap.Application.Features.Courses.EmergencyAccess;
using Kap.Application.Features.Courses.GetCaseload;
using Kap.Application.Features.Courses.GetCourse;
using Kap.Application.Features.Courses.GetCourseSummary;
using Kap.Application.Features.Courses.OpenCourse;
using Kap.Application.Features.Dosing;
using Kap.Application.Features.Integration;
using Kap.Application.Features.Measures.GetDueMeasures;
using Kap.Application.Features.Measures.GetMeasureTrends;
using Kap.Application.Features.Measures.GetRiskAlerts;
using Kap.Application.Features.Measures.RecordMeasure;
using Kap.Application.Features.Patients.GetPatient;
using Kap.Application.Features.Patients.UpdatePatient;
using Kap.Application.Features.Portal;
using Kap.Application.Features.Portal.Questionnaires;
using Kap.Application.Features.Preparation.Clearance;
using Kap.Application.Features.Preparation.Consent;
using Kap.Application.Features.Preparation.DosePlan;
using Kap.Application.Features.Preparation.GetPreparation;
using Kap.Application.Features.Preparation.PreparationNotes;
using Kap.Application.Features.Preparation.RiskAssessment;
using Kap.Application.Features.Preparation.Screening;
using Kap.Application.Features.Reminders.GetInbox;
using Kap.Application.Features.Scheduling.BookAppointment;
using Kap.Application.Features.Scheduling.BookCourseSessions;
using Kap.Application.Features.Scheduling.CancelAppointment;
using Kap.Application.Features.Scheduling.GetCalendar;
using Kap.Application.Features.Scheduling.GetCourseSessions;
using Kap.Application.Features.Scheduling.PlanCourseSessions;
using Kap.Application.Features.Scheduling.RecordAppointmentOutcome;
using Kap.Application.Features.Scheduling.RescheduleAppointment;
using Kap.Application.Tests.Features.Integration;
using Kap.Application.Tests.Infrastructure;
using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Measures;
using Kap.Domain.Patients;
using Kap.Domain.Portal;
using Kap.Domain.Preparation;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Kap.Domain.Screening;
using Kap.Tests.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Relation = Kap.Tests.Security.AuthorizationMatrix.Relation;

namespace Kap.Application.Tests.Security;

/// <summary>
/// The record columns of the authorization matrix (issue 8) for Mediator messages: every message that names a patient's
/// record (a course, dosing session, appointment, clearance, patient, reschedule request, questionnaire draft, inbox
/// message) is sent by its owner's care team, by another clinician (not on the care team), by that clinician after
/// breaking the glass, by another patient and by a second admin, as <see cref="AuthorizationMatrix.Messages"/> says.
/// A "not found" cell must answer exactly as for an id that does not exist (no leak of whether the record exists),
/// change nothing, and leave a "not-found" audit entry naming the sender. The lists (caseload, risk alerts, requests,
/// a clinician's calendar, the portal's own lists) must hold the record for its care team and nothing of it otherwise.
/// <para>
/// The record: patient A (Jamie Rivera) of therapist A and NP A, in Dosing, with a dosing session in progress, a
/// consultation booked, a reschedule request, a signed clearance, a questionnaire draft. Patient B (Ben Beta) is another
/// patient of therapist A; therapist B and NP B are on no course of A's.
/// </para>
/// </summary>
public sealed class RecordRelationMatrixTests : IntegrationTest
{
    private Ids _ids = null!;
    private Guid _userA;
    private Guid _userB;
    private Guid _admin2;

    /// <summary>The records the messages name, the concurrency versions they carry, and the clinic's staff and stock they may use.</summary>
    private sealed record Ids(
        Guid Course, Guid Patient, Guid Session, Guid Appointment, Guid Clearance, Guid Request, Guid Draft, IReadOnlyDictionary<char, Guid> InboxMessage,
        Guid CourseVersion, Guid AppointmentVersion, Guid ClearanceVersion, Guid PatientVersion, Guid Therapist, Guid Prescriber, Guid Lot)
    {
        /// <summary>The same shape with every record id one that does not exist.</summary>
        public Ids Unknown() => this with
        {
            Course = Guid.NewGuid(), Patient = Guid.NewGuid(), Session = Guid.NewGuid(), Appointment = Guid.NewGuid(), Clearance = Guid.NewGuid(),
            Request = Guid.NewGuid(), Draft = Guid.NewGuid(), InboxMessage = InboxMessage.ToDictionary(m => m.Key, _ => Guid.NewGuid()),
        };
    }

    /// <summary>10:00 clinic time, ten days after the test clock's start: after the week the set-up moves on, so still ahead.</summary>
    private static readonly DateTime Later = KapTestApp.Now.UtcDateTime.Date.AddDays(10).AddHours(10);

    /// <summary>
    /// One valid message per row with record cells, naming the records in <see cref="Ids"/> (the role picks the inbox
    /// message addressed to that role's own user). Valid, so that validation never answers before the record is looked up.
    /// </summary>
    private static readonly Dictionary<string, Func<Ids, char, object>> Build = new()
    {
        ["AddMaintenanceDosingCommand"] = (r, _) => new AddMaintenanceDosingCommand(r.Course, r.CourseVersion, 2, "Mood dipping at four weeks; boosters planned."),
        ["AddSessionNoteCommand"] = (r, _) => new AddSessionNoteCommand(r.Session, "Calm and settled."),
        ["BookAppointmentCommand"] = (r, _) => new BookAppointmentCommand(r.Course, AppointmentKind.Consultation, Later.AddDays(1), 30, r.Therapist, null, null, "Room 2"),
        ["BookCourseSessionsCommand"] = (r, _) => new BookCourseSessionsCommand(r.Course, [new SessionToBook(AppointmentKind.Consultation, Later.AddDays(2), 30)], null, "Room 2"),
        ["CancelAppointmentCommand"] = (r, _) => new CancelAppointmentCommand(r.Appointment, r.AppointmentVersion, "The patient is unwell."),
        // An illegal target: the phase rule answers, and the course is left as it is for the rows after it.
        ["ChangeCoursePhaseCommand"] = (r, _) => new ChangeCoursePhaseCommand(r.Course, r.CourseVersion, CoursePhase.Referred, "Back to the start"),
        ["CountersignConsentCommand"] = (r, _) => new CountersignConsentCommand(r.Course),
        ["DischargeSessionCommand"] = (r, _) => new DischargeSessionCommand(r.Session, true, true, true, true, null),
        ["EndInfusionCommand"] = (r, _) => new EndInfusionCommand(r.Session),
        ["EndSessionWithoutDoseCommand"] = (r, _) => new EndSessionWithoutDoseCommand(r.Session, "The patient felt unwell."),
        ["GetClearanceQuery"] = (r, _) => new GetClearanceQuery(r.Course),
        ["GetCourseDosingSessionsQuery"] = (r, _) => new GetCourseDosingSessionsQuery(r.Course),
        ["GetCourseQuery"] = (r, _) => new GetCourseQuery(r.Course),
        ["GetCourseSessionsQuery"] = (r, _) => new GetCourseSessionsQuery(r.Course),
        ["GetCourseSummaryQuery"] = (r, _) => new GetCourseSummaryQuery(r.Course),
        ["GetDosePlanQuery"] = (r, _) => new GetDosePlanQuery(r.Course),
        ["GetDosingSessionQuery"] = (r, _) => new GetDosingSessionQuery(r.Session),
        ["GetDosingStartQuery"] = (r, _) => new GetDosingStartQuery(r.Course),
        ["GetDueMeasuresQuery"] = (r, _) => new GetDueMeasuresQuery(r.Course),
        ["GetIntegrationQuery"] = (r, _) => new GetIntegrationQuery(r.Course),
        ["GetMeasureTrendsQuery"] = (r, _) => new GetMeasureTrendsQuery(r.Course),
        ["GetMeasuresQuery"] = (r, _) => new GetMeasuresQuery(r.Course),
        ["GetPatientQuery"] = (r, _) => new GetPatientQuery(r.Patient),
        ["GetPreparationQuery"] = (r, _) => new GetPreparationQuery(r.Course),
        ["HandleAppointmentRequestCommand"] = (r, _) => new HandleAppointmentRequestCommand(r.Request, "Moved to the following Tuesday."),
        ["MarkInboxMessageReadCommand"] = (r, role) => new MarkInboxMessageReadCommand(r.InboxMessage[role]),
        ["OpenCourseCommand"] = (r, _) => new OpenCourseCommand(r.Patient, r.Therapist, r.Prescriber, Indication.Depression, 1, 6, 1, 1),
        ["PlanCourseSessionsQuery"] = (r, _) => new PlanCourseSessionsQuery(r.Course, DateOnly.FromDateTime(Later), new TimeOnly(10, 0), 7,
            DateOnly.FromDateTime(Later.AddDays(14)), new TimeOnly(9, 0), 2, 1, new TimeOnly(14, 0)),
        ["RecordAdministrationCommand"] = (r, _) => new RecordAdministrationCommand(r.Session, r.Lot, 35m, null),
        ["RecordAdverseEventCommand"] = (r, _) => new RecordAdverseEventCommand(r.Session, AdverseEventType.NauseaOrVomiting, AdverseEventSeverity.Mild, 0, "Reassurance", "Settled"),
        ["RecordAppointmentOutcomeCommand"] = (r, _) => new RecordAppointmentOutcomeCommand(r.Appointment, r.AppointmentVersion, AppointmentStatus.Attended),
        ["RecordConsentCommand"] = (r, _) => new RecordConsentCommand(r.Course, 1, "Jamie Rivera"),
        ["RecordDissociationCommand"] = (r, _) => new RecordDissociationCommand(r.Session, Guid.NewGuid(), CadssForm.Short, [0, 1, 0, 2, 0, 1]),
        ["RecordIntegrationNoteCommand"] = (r, _) => Note(r.Course, null),
        ["RecordMeasureCommand"] = (r, _) => new RecordMeasureCommand(r.Course, Instrument.Gad7, [1, 1, 1, 1, 1, 1, 0]),
        ["RecordPreparationNoteCommand"] = (r, _) => new RecordPreparationNoteCommand(r.Course, null, "Reconnect with family", null),
        ["RecordRiskAssessmentCommand"] = (r, _) => new RecordRiskAssessmentCommand(r.Course, RiskAssessmentOutcome.SafeToContinue, "Assessed; safety plan agreed."),
        ["RecordSedationCommand"] = (r, _) => new RecordSedationCommand(r.Session, Guid.NewGuid(), 5),
        ["RecordSuitabilityCommand"] = (r, _) => new RecordSuitabilityCommand(r.Course, "SSRIs", true, "Partner", "Work", SuitabilityDecision.Suitable, null),
        ["RecordVitalsCommand"] = (r, _) => new RecordVitalsCommand(r.Session, Guid.NewGuid(), 126, 80, 75, 98, null),
        ["RequestAppointmentChangeCommand"] = (r, _) => new RequestAppointmentChangeCommand(r.Appointment, AppointmentRequestKind.Confirm, null),
        ["RequestEmergencyAccessCommand"] = (r, _) => new RequestEmergencyAccessCommand(r.Course, "On call tonight; the patient rang in distress."),
        ["RescheduleAppointmentCommand"] = (r, _) => new RescheduleAppointmentCommand(r.Appointment, r.AppointmentVersion, Later.AddDays(3), null),
        ["SaveClearanceCommand"] = (r, _) => new SaveClearanceCommand(r.Course, null, 124, 80, 70, 70m, 170m, "None", "None known", PregnancyStatus.NotApplicable, [], [], []),
        ["SaveDosePlanCommand"] = (r, _) => new SaveDosePlanCommand(r.Course, Route.IntravenousInfusion, DoseBasis.MgPerKg, 0.5m, 40, null),
        ["SaveQuestionnaireAnswerCommand"] = (r, _) => new SaveQuestionnaireAnswerCommand(Instrument.Phq9, r.Draft, 2, 1, 2),
        ["SetPatientMedicationInstructionsCommand"] = (r, _) => new SetPatientMedicationInstructionsCommand(r.Course, "Take your usual morning medication."),
        ["SignClearanceCommand"] = (r, _) => new SignClearanceCommand(r.Clearance, r.ClearanceVersion),
        ["StartDosingSessionCommand"] = (r, _) => new StartDosingSessionCommand(r.Course, null, true, true, true, true, 5, 128, 82, 72, 98, 14, null, null),
        ["SubmitQuestionnaireCommand"] = (r, _) => new SubmitQuestionnaireCommand(Instrument.Phq9, r.Draft),
        // Lists: no id; the answer either holds the record or nothing of it.
        ["GetAppointmentRequestsQuery"] = (_, _) => new GetAppointmentRequestsQuery(),
        ["GetCalendarQuery"] = (r, _) => new GetCalendarQuery(DateOnly.FromDateTime(Later), 1, r.Therapist, null),
        ["GetCaseloadQuery"] = (_, _) => new GetCaseloadQuery(),
        ["GetMyAppointmentsQuery"] = (_, _) => new GetMyAppointmentsQuery(),
        ["GetMyCourseQuery"] = (_, _) => new GetMyCourseQuery(),
        ["GetMyQuestionnairesQuery"] = (_, _) => new GetMyQuestionnairesQuery(),
        ["GetRiskAlertsQuery"] = (_, _) => new GetRiskAlertsQuery(),
        ["UpdatePatientCommand"] = (r, _) => new UpdatePatientCommand(r.Patient, r.PatientVersion, "Jamie Rivera", null, new DateOnly(1985, 5, 17), "+1 555 123 4567",
            ReminderChannel.Email, "America/Chicago", "Casey Rivera", "Sibling", "+1 555 765 4321", null),
    };

    private static readonly Type[] Messages = AuthorizationMatrixTests.Messages;

    [Fact]
    public void Every_message_that_names_a_patients_record_has_record_cells_and_every_id_is_accounted_for()
    {
        var wrong = new List<string>();
        foreach (var type in Messages)
        {
            var ids = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First().GetParameters()
                .Where(p => (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) == typeof(Guid))
                .Select(p => p.Name!)
                .ToList();
            var relations = AuthorizationMatrix.MessageRelations(type.Name);
            wrong.AddRange(ids.Where(id => !AuthorizationMatrix.RecordParameters.Contains(id) && !AuthorizationMatrix.OtherIdParameters.ContainsKey(id))
                .Select(id => $"{type.Name}.{id}: say whether it names a patient's record (RecordParameters) or why not (OtherIdParameters)"));
            var namesRecord = ids.Any(AuthorizationMatrix.RecordParameters.Contains);
            if (namesRecord && relations.Count == 0)
            {
                wrong.Add($"{type.Name} names a patient's record but its row has no record cells");
            }

            if (!namesRecord && relations.Count > 0 && !IsQuery(type))
            {
                wrong.Add($"{type.Name} has record cells but names no record (only a list query may)");
            }

            if (relations.Count > 0 && !Build.ContainsKey(type.Name))
            {
                wrong.Add($"{type.Name}: add a message to {nameof(Build)}");
            }

            foreach (var (role, outcomes) in relations)
            {
                // Emergency access opens courses, so only T and N have a glass column, and only for a patient's record
                // (not for an inbox message, which is its addressee's alone).
                var shapes = role switch { 'T' or 'N' => new[] { 2, 3 }, 'P' => [2], 'A' => [1, 2], _ => [] };
                if (!shapes.Contains(outcomes.Length) || outcomes.Any(o => o is not ("ok" or "nf")))
                {
                    wrong.Add($"{type.Name} {role}:{string.Join('|', outcomes)}: T and N give own|other[|glass], P own|other, A one outcome or own|other; each ok or nf");
                }
            }
        }

        wrong.AddRange(Build.Keys.Where(name => AuthorizationMatrix.MessageRelations(name).Count == 0).Select(name => $"{name} is built but has no record cells"));
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    [Fact]
    public async Task Each_relation_to_a_record_gets_exactly_what_the_table_says()
    {
        await SetUpAsync();
        var rows = Messages.Where(t => !IsList(t)).Select(t => t.Name).Where(name => AuthorizationMatrix.MessageRelations(name).Count > 0).ToList();
        var wrong = new List<string>();
        var cells = 0;

        // Within each pass, every "not found" cell first: an "ok" cell may change who can see what (breaking the glass).
        foreach (var relation in new[] { Relation.Other, Relation.Glass, Relation.Own })
        {
            if (relation == Relation.Glass)
            {
                await BreakTheGlassAsync();
            }

            var pass = (from name in rows
                        from cell in AuthorizationMatrix.MessageRelations(name)
                        where relation != Relation.Glass || cell.Value.Length == 3
                        let expected = AuthorizationMatrix.Outcome(cell.Value, relation)
                        orderby expected == "nf" ? 0 : 1
                        select (Name: name, Role: cell.Key, Expected: expected)).ToList();
            foreach (var (name, role, expected) in pass)
            {
                cells++;
                SignIn(role, relation);
                await CheckAsync(name, role, relation, expected, wrong);
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cells} cells differ from the table:\n" + string.Join("\n", wrong));
        Assert.True(cells > 150, $"only {cells} cells were exercised");
    }

    [Fact]
    public async Task Each_relation_to_a_listed_record_sees_it_or_nothing_of_it_as_the_table_says()
    {
        await SetUpAsync();
        // An open risk alert for patient A (PHQ-9 item 9 above 0), so that the alert list has something of theirs.
        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(_ids.Course, Instrument.Phq9, [1, 1, 1, 1, 0, 0, 0, 0, 1])));
        var traces = new[] { _ids.Course, _ids.Patient, _ids.Appointment, _ids.Request, _ids.Draft, _ids.Session }.Select(id => id.ToString())
            .Append("Jamie Rivera").ToList();
        var wrong = new List<string>();
        var cells = 0;
        foreach (var relation in new[] { Relation.Other, Relation.Own, Relation.Glass })
        {
            if (relation == Relation.Glass)
            {
                await BreakTheGlassAsync();
            }

            foreach (var type in Messages.Where(IsList))
            {
                foreach (var (role, outcomes) in AuthorizationMatrix.MessageRelations(type.Name))
                {
                    if (relation == Relation.Glass && outcomes.Length < 3)
                    {
                        continue;
                    }

                    cells++;
                    SignIn(role, relation);
                    var result = await SendAsync(Build[type.Name](_ids, role));
                    var cell = $"{type.Name} as {role} ({relation.ToString().ToLowerInvariant()})";
                    if (!result.IsSuccess)
                    {
                        wrong.Add($"{cell}: {Describe(result)}");
                        continue;
                    }

                    var answer = System.Text.Json.JsonSerializer.Serialize(result.GetType().GetProperty("Value")!.GetValue(result));
                    var seen = traces.Where(t => answer.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
                    var expected = AuthorizationMatrix.Outcome(outcomes, relation);
                    if (expected == "ok" && seen.Count == 0)
                    {
                        wrong.Add($"{cell}: expected patient A's record in the answer, found nothing of it");
                    }
                    else if (expected == "nf" && seen.Count > 0)
                    {
                        wrong.Add($"{cell}: expected nothing of patient A's record, found {string.Join(", ", seen)}");
                    }
                }
            }
        }

        Assert.True(wrong.Count == 0, $"{wrong.Count} of {cells} list cells differ from the table:\n" + string.Join("\n", wrong));
        Assert.True(cells > 25, $"only {cells} list cells were exercised");
    }

    private static bool IsQuery(Type type) => type.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQuery<>));

    /// <summary>A query with record cells that takes no record id: a list, checked by what its answer holds.</summary>
    private static bool IsList(Type type) =>
        IsQuery(type) && AuthorizationMatrix.MessageRelations(type.Name).Count > 0
        && !type.GetConstructors().SelectMany(c => c.GetParameters()).Any(p => AuthorizationMatrix.RecordParameters.Contains(p.Name!));

    private async Task CheckAsync(string name, char role, Relation relation, string expected, List<string> wrong)
    {
        var cell = $"{name} as {role} ({relation.ToString().ToLowerInvariant()})";
        var user = Guid.Parse((await _app.CurrentUser.GetPrincipalAsync()).FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);
        var before = await CountsAsync();
        var lastAudit = await LastAuditIdAsync();
        var result = await SendAsync(Build[name](_ids, role));
        if (expected == "ok")
        {
            // Reaching the record is all this column is about; a clinical rule or a stale version may still refuse.
            if (!result.IsSuccess && result.Error!.Kind is not (ErrorKind.Rule or ErrorKind.Conflict))
            {
                wrong.Add($"{cell}: expected to reach the record, got {Describe(result)}");
            }

            return;
        }

        if (result.Error?.Kind != ErrorKind.NotFound)
        {
            wrong.Add($"{cell}: expected not found, got {Describe(result)}");
            return;
        }

        if (!(await CountsAsync()).SequenceEqual(before))
        {
            wrong.Add($"{cell}: refused, but the data changed");
        }

        await using (var db = _app.Db())
        {
            var action = AuditWriter.ActionName(Messages.Single(t => t.Name == name));
            if (!await db.AuditEntries.AnyAsync(e => e.Id > lastAudit && e.Action == action && !e.Success && e.Outcome == "not-found" && e.UserId == user))
            {
                wrong.Add($"{cell}: refused without a \"not-found\" audit entry");
            }
        }

        // The refusal says nothing about whether the record exists: a made-up id gets word for word the same answer.
        var unknown = await SendAsync(Build[name](_ids.Unknown(), role));
        if (unknown.Error?.Kind != result.Error.Kind || unknown.Error.Message != result.Error.Message)
        {
            wrong.Add($"{cell}: answered \"{result.Error.Message}\" but for an id that does not exist {Describe(unknown)}");
        }
    }

    private void SignIn(char role, Relation relation)
    {
        var own = relation == Relation.Own;
        switch (role)
        {
            case 'P':
                _app.SignInAs(own ? _userA : _userB, KapRoles.Patient);
                break;
            case 'T':
                (own ? (Action)_clinic.AsTherapistA : _clinic.AsTherapistB)();
                break;
            case 'N':
                (own ? (Action)_clinic.AsNpA : _clinic.AsNpB)();
                break;
            case 'A':
                _app.SignInAs(own ? _clinic.Admin : _admin2, KapRoles.Admin);
                break;
            default:
                throw new InvalidOperationException($"No record relations for role {role}.");
        }
    }

    /// <summary>Therapist B and NP B open patient A's course in an emergency (or already did, in the "other" pass).</summary>
    private async Task BreakTheGlassAsync()
    {
        foreach (var signIn in new Action[] { _clinic.AsTherapistB, _clinic.AsNpB })
        {
            signIn();
            var result = await _app.SendAsync(new RequestEmergencyAccessCommand(_ids.Course, "On call tonight; the patient rang in distress."));
            Assert.True(result.IsSuccess || result.Error!.Message.Contains("already have access", StringComparison.Ordinal), Describe(result.Error));
        }
    }

    private async Task SetUpAsync()
    {
        await CourseInDosingAsync();
        _admin2 = await _app.CreateUserAsync(KapRoles.Admin, "Admin Two");
        Guid patient;
        await using (var db = _app.Db())
        {
            patient = await db.Courses.Where(c => c.Id == _course).Select(c => c.PatientId).SingleAsync();
            _userA = (await db.Patients.SingleAsync(p => p.Id == patient)).UserId!.Value;
        }

        var (patientB, _) = await _clinic.PatientOfTherapistAAsync("Ben Beta");
        await using (var db = _app.Db())
        {
            _userB = (await db.Patients.SingleAsync(p => p.Id == patientB)).UserId!.Value;
        }

        // A week on, the weekly PHQ-9 is due: patient A starts it in the portal.
        Advance(TimeSpan.FromDays(7).TotalMinutes);
        _app.SignInAs(_userA, KapRoles.Patient);
        var draft = await _app.SendAsync(new SaveQuestionnaireAnswerCommand(Instrument.Phq9, null, 1, 2, 1));
        Ok(draft);

        _clinic.AsTherapistA();
        Ok(await _app.SendAsync(new RecordMeasureCommand(_course, Instrument.CssrsScreener, CssrsNone)));
        _clinic.AsNpA();
        var session = await StartAsync();

        _clinic.AsTherapistA();
        var appointment = await _app.SendAsync(new BookAppointmentCommand(_course, AppointmentKind.Consultation, Later, 30, _clinic.TherapistA, null, null, "Room 2"));
        Ok(appointment);
        _app.SignInAs(_userA, KapRoles.Patient);
        var request = await _app.SendAsync(new RequestAppointmentChangeCommand(appointment.Value, AppointmentRequestKind.Reschedule, "Could we move it?"));
        Ok(request);

        _clinic.AsNpA();
        var clearance = (await _app.SendAsync(new GetClearanceQuery(_course))).Value!;

        var inbox = new Dictionary<char, Guid>();
        await using (var db = _app.Db())
        {
            foreach (var (role, owner) in new[] { ('P', _userA), ('T', _clinic.TherapistA), ('N', _clinic.NpA), ('A', _clinic.Admin) })
            {
                var message = new InboxMessage(owner, "A message", "For its addressee only.", Now, reminderId: null);
                db.InboxMessages.Add(message);
                inbox[role] = message.Id;
            }

            await db.SaveChangesAsync();
            _ids = new Ids(_course, patient, session, appointment.Value, clearance.Id, request.Value, draft.Value.Id, inbox,
                await db.Courses.Where(c => c.Id == _course).Select(c => c.Version).SingleAsync(),
                await db.Appointments.Where(a => a.Id == appointment.Value).Select(a => a.Version).SingleAsync(),
                clearance.Version,
                await db.Patients.Where(p => p.Id == patient).Select(p => p.Version).SingleAsync(),
                _clinic.TherapistA, _clinic.NpA, _racemicLot);
        }
    }

    private async Task<IResult> SendAsync(object message)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return (IResult)(await scope.ServiceProvider.GetRequiredService<ISender>().Send(message))!;
    }

    private static string Describe(IResult result) => result.IsSuccess ? "success" : $"{result.Error!.Kind}: {result.Error.Message}";

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = _app.Db();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
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
}
