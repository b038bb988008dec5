using Kap.Domain.Common;
using Kap.Domain.Scheduling;

namespace Kap.Domain.Tests.Scheduling;

public sealed class AppointmentTests
{
    private static readonly DateTime Start = new(2027, 1, 20, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime End = Start.AddHours(2);
    private static readonly DateTime BookedAt = Start.AddDays(-14);
    private static readonly Guid Course = Guid.Parse("11111111-0000-0000-0000-000000000001");
    private static readonly Guid Patient = Guid.Parse("22222222-0000-0000-0000-000000000001");
    private static readonly Guid Therapist = Guid.Parse("33333333-0000-0000-0000-000000000001");
    private static readonly Guid Prescriber = Guid.Parse("33333333-0000-0000-0000-000000000002");
    private static readonly Guid Room = Guid.Parse("44444444-0000-0000-0000-000000000001");
    private static readonly Guid Booker = Guid.Parse("55555555-0000-0000-0000-000000000001");

    private static Appointment NewAppointment(string? location = "  Room A, 1 Main St  ", bool gateNotMet = false) =>
        new(Course, Patient, AppointmentKind.Dosing, Start, End, Therapist, Prescriber, Room, location, gateNotMet, Booker, BookedAt);

    private static Appointment AppointmentIn(AppointmentStatus status)
    {
        var appointment = NewAppointment();
        var result = status switch
        {
            AppointmentStatus.Booked => DomainResult.Ok,
            AppointmentStatus.Cancelled => appointment.Cancel("Patient unwell"),
            _ => appointment.RecordOutcome(status, End),
        };
        Assert.True(result.IsSuccess, string.Join(" ", result.Problems));
        Assert.Equal(status, appointment.Status);
        return appointment;
    }

    public static TheoryData<AppointmentStatus> NotBooked() => new(AppointmentStatus.Attended, AppointmentStatus.NoShow, AppointmentStatus.Cancelled);

    [Fact]
    public void A_new_appointment_is_booked_with_what_it_was_given()
    {
        var appointment = NewAppointment();

        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
        Assert.Equal(Course, appointment.CourseId);
        Assert.Equal(Patient, appointment.PatientId);
        Assert.Equal(AppointmentKind.Dosing, appointment.Kind);
        Assert.Equal(Start, appointment.StartUtc);
        Assert.Equal(End, appointment.EndUtc);
        Assert.Equal(Therapist, appointment.ClinicianId);
        Assert.Equal(Prescriber, appointment.SecondClinicianId);
        Assert.Equal(Room, appointment.RoomId);
        Assert.Equal("Room A, 1 Main St", appointment.Location);
        Assert.Equal(Booker, appointment.BookedBy);
        Assert.Equal(BookedAt, appointment.BookedAtUtc);
        Assert.Null(appointment.CancelReason);
        Assert.False(appointment.GateNotMet);
        Assert.NotEqual(Guid.Empty, appointment.Id);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void A_blank_location_is_stored_as_none(string? location)
    {
        Assert.Null(NewAppointment(location).Location);
    }

    [Fact]
    public void The_slot_carries_what_booking_rules_need()
    {
        var appointment = NewAppointment();

        var slot = appointment.Slot;

        Assert.Equal(new AppointmentSlot(appointment.Id, Patient, AppointmentKind.Dosing, Start, End, Therapist, Prescriber, Room), slot);
        Assert.Equal([Therapist, Prescriber], slot.Clinicians);
    }

    [Fact]
    public void A_slot_with_one_clinician_lists_only_that_clinician()
    {
        var slot = new AppointmentSlot(Guid.NewGuid(), Patient, AppointmentKind.Integration, Start, End, Therapist, null, null);

        Assert.Equal([Therapist], slot.Clinicians);
    }

    [Fact]
    public void A_dosing_session_booked_before_the_gate_is_flagged_until_the_gate_is_met()
    {
        var appointment = NewAppointment(gateNotMet: true);
        Assert.True(appointment.GateNotMet);

        appointment.MarkGateMet();

        Assert.False(appointment.GateNotMet);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Cancelling_needs_a_reason(string reason)
    {
        var appointment = NewAppointment();

        var result = appointment.Cancel(reason);

        Assert.False(result.IsSuccess);
        var problem = Assert.Single(result.Problems);
        Assert.Contains("reason", problem, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
        Assert.Null(appointment.CancelReason);
    }

    [Fact]
    public void Cancelling_a_booked_appointment_keeps_the_trimmed_reason()
    {
        var appointment = NewAppointment();

        var result = appointment.Cancel("  Patient has a fever  ");

        Assert.True(result.IsSuccess);
        Assert.Equal(AppointmentStatus.Cancelled, appointment.Status);
        Assert.Equal("Patient has a fever", appointment.CancelReason);
    }

    [Theory]
    [MemberData(nameof(NotBooked))]
    public void Only_a_booked_appointment_can_be_cancelled(AppointmentStatus status)
    {
        var appointment = AppointmentIn(status);
        var reasonBefore = appointment.CancelReason;

        var result = appointment.Cancel("Another reason");

        Assert.False(result.IsSuccess);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(status == AppointmentStatus.NoShow ? "no-show" : status.ToString().ToLowerInvariant(), problem, StringComparison.Ordinal);
        Assert.Equal(status, appointment.Status);
        Assert.Equal(reasonBefore, appointment.CancelReason);
    }

    [Fact]
    public void A_booked_appointment_can_be_rescheduled()
    {
        var appointment = NewAppointment();
        var newStart = Start.AddDays(2);

        var result = appointment.Reschedule(newStart, newStart.AddHours(3));

        Assert.True(result.IsSuccess);
        Assert.Equal(newStart, appointment.StartUtc);
        Assert.Equal(newStart.AddHours(3), appointment.EndUtc);
        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
    }

    [Theory]
    [MemberData(nameof(NotBooked))]
    public void Only_a_booked_appointment_can_be_rescheduled(AppointmentStatus status)
    {
        var appointment = AppointmentIn(status);

        var result = appointment.Reschedule(Start.AddDays(2), End.AddDays(2));

        Assert.False(result.IsSuccess);
        var problem = Assert.Single(result.Problems);
        Assert.Contains(status == AppointmentStatus.NoShow ? "no-show" : status.ToString().ToLowerInvariant(), problem, StringComparison.Ordinal);
        Assert.Equal(Start, appointment.StartUtc);
        Assert.Equal(End, appointment.EndUtc);
        Assert.Equal(status, appointment.Status);
    }

    [Fact]
    public void An_outcome_cannot_be_recorded_before_the_appointment_starts()
    {
        var appointment = NewAppointment();

        var result = appointment.RecordOutcome(AppointmentStatus.Attended, Start.AddMinutes(-1));

        Assert.False(result.IsSuccess);
        Assert.Contains("not started", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
    }

    [Theory]
    [InlineData(AppointmentStatus.Attended)]
    [InlineData(AppointmentStatus.NoShow)]
    public void Attended_or_no_show_is_recorded_from_the_start(AppointmentStatus outcome)
    {
        var atStart = NewAppointment();
        var later = NewAppointment();

        Assert.True(atStart.RecordOutcome(outcome, Start).IsSuccess);
        Assert.True(later.RecordOutcome(outcome, End.AddHours(5)).IsSuccess);

        Assert.Equal(outcome, atStart.Status);
        Assert.Equal(outcome, later.Status);
    }

    [Theory]
    [InlineData(AppointmentStatus.Attended)]
    [InlineData(AppointmentStatus.NoShow)]
    public void A_cancelled_appointment_has_no_outcome(AppointmentStatus outcome)
    {
        var appointment = AppointmentIn(AppointmentStatus.Cancelled);

        var result = appointment.RecordOutcome(outcome, End);

        Assert.False(result.IsSuccess);
        Assert.Contains("cancelled", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Cancelled, appointment.Status);
    }

    [Theory]
    [InlineData(AppointmentStatus.Booked)]
    [InlineData(AppointmentStatus.Cancelled)]
    public void Booked_and_cancelled_are_not_outcomes(AppointmentStatus outcome)
    {
        var appointment = NewAppointment();

        var result = appointment.RecordOutcome(outcome, End);

        Assert.False(result.IsSuccess);
        Assert.Contains("attended or no-show", Assert.Single(result.Problems), StringComparison.Ordinal);
        Assert.Equal(AppointmentStatus.Booked, appointment.Status);
        Assert.Null(appointment.CancelReason);
    }

    [Theory]
    [InlineData(AppointmentKind.Dosing, true)]
    [InlineData(AppointmentKind.MedicalClearance, true)]
    [InlineData(AppointmentKind.Consultation, false)]
    [InlineData(AppointmentKind.Preparation, false)]
    [InlineData(AppointmentKind.Integration, false)]
    [InlineData(AppointmentKind.FollowUp, false)]
    public void Dosing_and_medical_clearance_need_the_prescriber(AppointmentKind kind, bool needsPrescriber)
    {
        Assert.Equal(needsPrescriber, kind.NeedsPrescriber());
    }

    [Theory]
    [InlineData(AppointmentKind.Consultation, "Consultation")]
    [InlineData(AppointmentKind.Preparation, "Preparation")]
    [InlineData(AppointmentKind.MedicalClearance, "Medical clearance")]
    [InlineData(AppointmentKind.Dosing, "Dosing")]
    [InlineData(AppointmentKind.Integration, "Integration")]
    [InlineData(AppointmentKind.FollowUp, "Follow-up")]
    public void Kinds_are_described_in_words(AppointmentKind kind, string words)
    {
        Assert.Equal(words, kind.Describe());
    }

    [Fact]
    public void Kinds_and_statuses_keep_their_stored_numbers()
    {
        Assert.Equal(0, (int)AppointmentKind.Consultation);
        Assert.Equal(1, (int)AppointmentKind.Preparation);
        Assert.Equal(2, (int)AppointmentKind.MedicalClearance);
        Assert.Equal(3, (int)AppointmentKind.Dosing);
        Assert.Equal(4, (int)AppointmentKind.Integration);
        Assert.Equal(5, (int)AppointmentKind.FollowUp);
        Assert.Equal(0, (int)AppointmentStatus.Booked);
        Assert.Equal(1, (int)AppointmentStatus.Attended);
        Assert.Equal(2, (int)AppointmentStatus.NoShow);
        Assert.Equal(3, (int)AppointmentStatus.Cancelled);
    }
}
