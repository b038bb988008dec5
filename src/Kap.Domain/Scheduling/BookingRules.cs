namespace Kap.Domain.Scheduling;

/// <summary>
/// Why an appointment cannot go where it is asked to: double-booked clinicians, patients or rooms, and
/// dosing sessions closer together than the clinic's minimum interval (domain.md §3, default 48 h).
/// Every clash is named with the other appointment's time, so the clinician can pick another slot.
/// </summary>
public static class BookingRules
{
    public static IReadOnlyList<string> Conflicts(
        AppointmentSlot candidate,
        IEnumerable<AppointmentSlot> booked,
        TimeSpan minimumDosingInterval,
        Func<Guid, string> clinicianName,
        Func<Guid, string> roomName,
        Func<DateTime, string> formatTime)
    {
        if (candidate.EndUtc <= candidate.StartUtc)
        {
            return ["The appointment must end after it starts."];
        }

        var problems = new List<string>();
        foreach (var other in booked.Where(o => o.Id != candidate.Id).OrderBy(o => o.StartUtc))
        {
            var when = $"{other.Kind.Describe()} at {formatTime(other.StartUtc)}";
            if (candidate.Overlaps(other))
            {
                foreach (var clinician in candidate.Clinicians.Intersect(other.Clinicians))
                {
                    problems.Add($"{clinicianName(clinician)} is already booked then ({when}).");
                }

                if (candidate.PatientId == other.PatientId)
                {
                    problems.Add($"The patient already has an appointment then ({when}).");
                }

                if (candidate.RoomId is { } room && room == other.RoomId)
                {
                    problems.Add($"{roomName(room)} is already booked then ({when}).");
                }
            }

            if (candidate.Kind == AppointmentKind.Dosing && other.Kind == AppointmentKind.Dosing && candidate.PatientId == other.PatientId
                && (candidate.StartUtc - other.StartUtc).Duration() < minimumDosingInterval)
            {
                problems.Add($"Dosing sessions must be at least {minimumDosingInterval.TotalHours:0} hours apart; this patient has one at {formatTime(other.StartUtc)}.");
            }
        }

        return problems;
    }
}
