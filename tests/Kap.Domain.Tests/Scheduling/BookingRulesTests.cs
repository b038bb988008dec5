using System.Globalization;
using Kap.Domain.Scheduling;

namespace Kap.Domain.Tests.Scheduling;

public sealed class BookingRulesTests
{
    private static readonly TimeSpan FortyEightHours = TimeSpan.FromHours(48);
    private static readonly DateTime Ten = new(2027, 1, 20, 15, 0, 0, DateTimeKind.Utc);

    private static readonly Guid Patient = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");
    private static readonly Guid OtherPatient = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000002");
    private static readonly Guid Therapist = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000001");
    private static readonly Guid Prescriber = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000002");
    private static readonly Guid OtherTherapist = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000003");
    private static readonly Guid OtherPrescriber = Guid.Parse("bbbbbbbb-0000-0000-0000-000000000004");
    private static readonly Guid RoomA = Guid.Parse("cccccccc-0000-0000-0000-000000000001");
    private static readonly Guid RoomB = Guid.Parse("cccccccc-0000-0000-0000-000000000002");

    private static readonly Dictionary<Guid, string> Names = new()
    {
        [Therapist] = "Dr Tara Therapist",
        [Prescriber] = "Pat Prescriber NP",
        [OtherTherapist] = "Dr Otto Other",
        [OtherPrescriber] = "Olga Other NP",
        [RoomA] = "Room A",
        [RoomB] = "Room B",
    };

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

    private static IReadOnlyList<string> Conflicts(AppointmentSlot candidate, params AppointmentSlot[] booked) =>
        Conflicts(candidate, FortyEightHours, booked);

    private static IReadOnlyList<string> Conflicts(AppointmentSlot candidate, TimeSpan interval, params AppointmentSlot[] booked) =>
        BookingRules.Conflicts(candidate, booked, interval, id => Names[id], id => Names[id], Format);

    private static AppointmentSlot Slot(
        DateTime start,
        double hours = 2,
        AppointmentKind kind = AppointmentKind.Integration,
        Guid? patient = null,
        Guid? clinician = null,
        Guid? second = null,
        Guid? room = null,
        Guid? id = null) =>
        new(id ?? Guid.NewGuid(), patient ?? Patient, kind, start, start.AddHours(hours), clinician ?? Therapist, second, room);

    [Fact]
    public void Nothing_booked_means_no_conflicts()
    {
        Assert.Empty(Conflicts(Slot(Ten, kind: AppointmentKind.Dosing, second: Prescriber, room: RoomA)));
    }

    [Fact]
    public void Appointments_that_share_nothing_do_not_clash_even_when_they_overlap()
    {
        var candidate = Slot(Ten, clinician: Therapist, room: RoomA);
        var other = Slot(Ten, patient: OtherPatient, clinician: OtherTherapist, room: RoomB);

        Assert.Empty(Conflicts(candidate, other));
    }

    [Fact]
    public void A_clinician_already_booked_then_is_named_with_the_other_appointments_kind_and_time()
    {
        var candidate = Slot(Ten, clinician: Therapist);
        var other = Slot(Ten.AddMinutes(30), kind: AppointmentKind.Consultation, patient: OtherPatient, clinician: Therapist);

        var problem = Assert.Single(Conflicts(candidate, other));

        Assert.Equal("Dr Tara Therapist is already booked then (Consultation at 2027-01-20 15:30 UTC).", problem);
    }

    [Fact]
    public void The_candidates_second_clinician_clashing_with_the_others_first_clinician_is_named()
    {
        var candidate = Slot(Ten, kind: AppointmentKind.Dosing, clinician: Therapist, second: Prescriber);
        var other = Slot(Ten.AddHours(-1), kind: AppointmentKind.MedicalClearance, patient: OtherPatient, clinician: Prescriber);

        var problem = Assert.Single(Conflicts(candidate, other));

        Assert.Equal("Pat Prescriber NP is already booked then (Medical clearance at 2027-01-20 14:00 UTC).", problem);
    }

    [Fact]
    public void The_candidates_first_clinician_clashing_with_the_others_second_clinician_is_named()
    {
        var candidate = Slot(Ten, kind: AppointmentKind.MedicalClearance, clinician: Prescriber);
        var other = Slot(Ten.AddHours(1), kind: AppointmentKind.Dosing, patient: OtherPatient, clinician: OtherTherapist, second: Prescriber);

        var problem = Assert.Single(Conflicts(candidate, other));

        Assert.Contains("Pat Prescriber NP", problem, StringComparison.Ordinal);
        Assert.Contains("Dosing at 2027-01-20 16:00 UTC", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr Otto Other", problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_clinicians_double_booked_gives_one_problem_each()
    {
        var candidate = Slot(Ten, kind: AppointmentKind.Dosing, clinician: Therapist, second: Prescriber);
        var other = Slot(Ten, kind: AppointmentKind.Dosing, patient: OtherPatient, clinician: Prescriber, second: Therapist);

        var problems = Conflicts(candidate, other);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Dr Tara Therapist is already booked then", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Pat Prescriber NP is already booked then", StringComparison.Ordinal));
    }

    [Fact]
    public void A_patient_already_booked_then_is_refused_with_the_other_appointments_kind_and_time()
    {
        var candidate = Slot(Ten, kind: AppointmentKind.Consultation, clinician: Therapist);
        var other = Slot(Ten.AddHours(1), kind: AppointmentKind.FollowUp, clinician: OtherTherapist);

        var problem = Assert.Single(Conflicts(candidate, other));

        Assert.Equal("The patient already has an appointment then (Follow-up at 2027-01-20 16:00 UTC).", problem);
    }

    [Fact]
    public void A_room_already_booked_then_is_named()
    {
        var candidate = Slot(Ten, room: RoomA);
        var other = Slot(Ten.AddMinutes(90), kind: AppointmentKind.Preparation, patient: OtherPatient, clinician: OtherTherapist, room: RoomA);

        var problem = Assert.Single(Conflicts(candidate, other));

        Assert.Equal("Room A is already booked then (Preparation at 2027-01-20 16:30 UTC).", problem);
    }

    [Fact]
    public void Appointments_without_a_room_never_clash_over_rooms()
    {
        var remote = Slot(Ten, room: null);
        var alsoRemote = Slot(Ten, patient: OtherPatient, clinician: OtherTherapist, room: null);
        var inRoom = Slot(Ten, patient: OtherPatient, clinician: OtherTherapist, room: RoomA);

        Assert.Empty(Conflicts(remote, alsoRemote, inRoom));
        Assert.Empty(Conflicts(inRoom with { Id = Guid.NewGuid(), PatientId = Patient, ClinicianId = Therapist }, remote with { Id = Guid.NewGuid(), PatientId = OtherPatient, ClinicianId = OtherTherapist }));
    }

    [Fact]
    public void Every_clash_with_the_same_appointment_is_reported()
    {
        var candidate = Slot(Ten, clinician: Therapist, room: RoomA);
        var other = Slot(Ten, clinician: Therapist, room: RoomA);

        var problems = Conflicts(candidate, other);

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Dr Tara Therapist", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("The patient", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Room A", StringComparison.Ordinal));
    }

    [Fact]
    public void Back_to_back_appointments_do_not_clash()
    {
        var candidate = Slot(Ten, hours: 2, clinician: Therapist, room: RoomA);
        var before = Slot(Ten.AddHours(-1), hours: 1, clinician: Therapist, room: RoomA);
        var after = Slot(Ten.AddHours(2), hours: 1, clinician: Therapist, room: RoomA);

        Assert.Equal(candidate.StartUtc, before.EndUtc);
        Assert.Equal(candidate.EndUtc, after.StartUtc);
        Assert.Empty(Conflicts(candidate, before, after));
    }

    [Fact]
    public void One_minute_of_overlap_clashes()
    {
        var candidate = Slot(Ten, hours: 2, clinician: Therapist);
        var before = Slot(Ten.AddHours(-1), hours: 1, patient: OtherPatient, clinician: Therapist) with { EndUtc = Ten.AddMinutes(1) };

        Assert.Single(Conflicts(candidate, before));
    }

    [Fact]
    public void An_appointment_enclosing_the_candidate_clashes()
    {
        var candidate = Slot(Ten, hours: 1, clinician: Therapist);
        var enclosing = Slot(Ten.AddHours(-1), hours: 4, patient: OtherPatient, clinician: Therapist);

        Assert.Single(Conflicts(candidate, enclosing));
    }

    [Fact]
    public void The_candidate_itself_among_the_booked_appointments_is_ignored()
    {
        var id = Guid.NewGuid();
        var booked = Slot(Ten, kind: AppointmentKind.Dosing, clinician: Therapist, second: Prescriber, room: RoomA, id: id);
        var moved = booked with { StartUtc = Ten.AddHours(1), EndUtc = Ten.AddHours(3) };

        Assert.Empty(Conflicts(moved, booked));
    }

    [Theory]
    [InlineData(47)]
    [InlineData(-47)]
    [InlineData(24)]
    [InlineData(-1)]
    public void Dosing_sessions_of_the_same_patient_closer_than_the_minimum_are_refused(int hoursFromCandidate)
    {
        var candidate = Slot(Ten, kind: AppointmentKind.Dosing, clinician: Therapist, second: Prescriber, room: RoomA);
        var otherStart = Ten.AddHours(hoursFromCandidate);
        var other = Slot(otherStart, kind: AppointmentKind.Dosing, clinician: OtherTherapist, second: OtherPrescriber, room: RoomB);

        var problems = Conflicts(candidate, other);

        Assert.Contains($"Dosing sessions must be at least 48 hours apart; this patient has one at {Format(otherStart)}.", problems);
    }

    [Theory]
    [InlineData(48)]
    [InlineData(-48)]
    [InlineData(72)]
    [InlineData(-168)]
    public void Dosing_sessions_of_the_same_patient_at_least_the_minimum_apart_are_allowed(int hoursFromCandidate)
    {
        var candidate = Slot(Ten, kind: AppointmentKind.Dosing, clinician: Therapist, second: Prescriber, room: RoomA);
        var other = Slot(Ten.AddHours(hoursFromCandidate), kind: AppointmentKind.Dosing, clinician: Therapist, second: Prescriber, room: RoomA);

        Assert.Empty(Conflicts(candidate, other));
    }

    [Fact]
    public void The_minimum_dosing_interval_is_the_clinics_setting()
    {
        var candidate = Slot(Ten, kind: AppointmentKind.Dosing);
        var other = Slot(Ten.AddHours(71), kind: AppointmentKind.Dosing);

        var problem = Assert.Single(Conflicts(candidate, TimeSpan.FromHours(72), other));

        Assert.StartsWith("Dosing sessions must be at least 72 hours apart", problem, StringComparison.Ordinal);
        Assert.Empty(Conflicts(candidate, TimeSpan.FromHours(72), Slot(Ten.AddHours(72), kind: AppointmentKind.Dosing)));
    }

    [Fact]
    public void Dosing_sessions_of_different_patients_are_not_constrained_by_the_interval()
    {
        var candidate = Slot(Ten, kind: AppointmentKind.Dosing, patient: Patient, clinician: Therapist, room: RoomA);
        var other = Slot(Ten.AddHours(3), kind: AppointmentKind.Dosing, patient: OtherPatient, clinician: Therapist, room: RoomA);

        Assert.Empty(Conflicts(candidate, other));
    }

    [Theory]
    [InlineData(AppointmentKind.Dosing, AppointmentKind.Integration)]
    [InlineData(AppointmentKind.Integration, AppointmentKind.Dosing)]
    [InlineData(AppointmentKind.Preparation, AppointmentKind.Preparation)]
    public void The_dosing_interval_applies_only_between_two_dosing_sessions(AppointmentKind candidateKind, AppointmentKind otherKind)
    {
        var candidate = Slot(Ten, kind: candidateKind);
        var other = Slot(Ten.AddHours(24), kind: otherKind);

        Assert.Empty(Conflicts(candidate, other));
    }

    [Fact]
    public void Overlapping_dosing_sessions_of_the_same_patient_report_the_double_booking_and_the_interval()
    {
        var candidate = Slot(Ten, kind: AppointmentKind.Dosing, clinician: Therapist);
        var other = Slot(Ten.AddHours(1), kind: AppointmentKind.Dosing, clinician: OtherTherapist);

        var problems = Conflicts(candidate, other);

        Assert.Equal(2, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("The patient already has an appointment then", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Dosing sessions must be at least 48 hours apart", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-30)]
    public void An_appointment_that_does_not_end_after_it_starts_is_refused_before_anything_else(int minutes)
    {
        var candidate = Slot(Ten, clinician: Therapist, room: RoomA) with { EndUtc = Ten.AddMinutes(minutes) };
        var clashing = Slot(Ten.AddHours(-1), hours: 3, clinician: Therapist, room: RoomA);

        var problem = Assert.Single(Conflicts(candidate, clashing));

        Assert.Equal("The appointment must end after it starts.", problem);
    }

    [Fact]
    public void Problems_are_listed_in_the_order_of_the_other_appointments()
    {
        var candidate = Slot(Ten, hours: 4, clinician: Therapist);
        var later = Slot(Ten.AddHours(3), patient: OtherPatient, clinician: Therapist);
        var earlier = Slot(Ten.AddHours(-1), patient: OtherPatient, clinician: Therapist);

        var problems = Conflicts(candidate, later, earlier);

        Assert.Equal(2, problems.Count);
        Assert.Contains(Format(earlier.StartUtc), problems[0], StringComparison.Ordinal);
        Assert.Contains(Format(later.StartUtc), problems[1], StringComparison.Ordinal);
    }
}
