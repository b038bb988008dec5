using System.Globalization;
using Kap.Application.Common.Interfaces;
using Kap.Application.Common.Options;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Kap.Application.Features.Scheduling.Common;

/// <summary>Loads what the booking rules need and asks them; shared by booking, rescheduling and planning a course.</summary>
public sealed class Booking(IOptionsMonitor<SchedulingOptions> scheduling, IOptions<ClinicOptions> clinic)
{
    public TimeZoneInfo ClinicZone { get; } = clinic.Value.GetTimeZone();

    public TimeSpan MinimumDosingInterval => TimeSpan.FromHours(scheduling.CurrentValue.MinimumDosingIntervalHours);

    public SchedulingOptions Options => scheduling.CurrentValue;

    public DateTime ToUtc(DateTime clinicLocal) => WallClock.ToUtc(clinicLocal, ClinicZone);

    public string Format(DateTime utc) => WallClock.ToLocal(utc, ClinicZone).ToString("ddd d MMM, HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// Every clash of <paramref name="candidates"/> with booked appointments and with each other.
    /// Returns one list of problems per candidate, in order.
    /// </summary>
    public async Task<IReadOnlyList<IReadOnlyList<string>>> ConflictsAsync(IKapDbContext db, IReadOnlyList<AppointmentSlot> candidates, CancellationToken cancellationToken)
    {
        if (candidates.Count == 0)
        {
            return [];
        }

        var interval = MinimumDosingInterval;
        var from = candidates.Min(c => c.StartUtc) - interval;
        var to = candidates.Max(c => c.EndUtc) + interval;
        var clinicians = candidates.SelectMany(c => c.Clinicians).Distinct().ToList();
        var patients = candidates.Select(c => c.PatientId).Distinct().ToList();
        var rooms = candidates.Where(c => c.RoomId != null).Select(c => c.RoomId).Distinct().ToList();
        var ids = candidates.Select(c => c.Id).ToList();

        var booked = await db.Appointments.AsNoTracking()
            .Where(a => a.Status != AppointmentStatus.Cancelled && !ids.Contains(a.Id) && a.StartUtc < to && a.EndUtc > from)
            .Where(a => clinicians.Contains(a.ClinicianId) || (a.SecondClinicianId != null && clinicians.Contains(a.SecondClinicianId.Value))
                        || patients.Contains(a.PatientId) || (a.RoomId != null && rooms.Contains(a.RoomId)))
            .Select(a => new AppointmentSlot(a.Id, a.PatientId, a.Kind, a.StartUtc, a.EndUtc, a.ClinicianId, a.SecondClinicianId, a.RoomId))
            .ToListAsync(cancellationToken);

        var people = await db.Users.Where(u => clinicians.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
        var roomNames = await db.Rooms.Where(r => rooms.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Name, cancellationToken);

        return candidates
            .Select((c, i) => BookingRules.Conflicts(c, booked.Concat(candidates.Where((_, j) => j != i)), interval,
                id => people.GetValueOrDefault(id, "The clinician"), id => roomNames.GetValueOrDefault(id, "The room"), Format))
            .ToList();
    }
}
