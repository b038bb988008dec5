using Kap.Application.Common.Interfaces;
using Kap.Domain.Courses;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;

namespace Kap.Application.Features.Scheduling.Common;

/// <summary>Projections shared by the scheduling queries: one SQL statement each, names joined in.</summary>
public static class AppointmentQueries
{
    public const string Busy = "Busy";

    public static IQueryable<AppointmentDto> Project(IKapDbContext db, IQueryable<Appointment> appointments, bool namesVisible) =>
        appointments.Select(a => new AppointmentDto(
            a.Id,
            a.Version,
            a.CourseId,
            a.PatientId,
            namesVisible
                ? db.Patients.Where(p => p.Id == a.PatientId).Select(p => p.PreferredName == null ? p.LegalName : p.LegalName + " (" + p.PreferredName + ")").FirstOrDefault() ?? ""
                : Busy,
            a.Kind,
            a.StartUtc,
            a.EndUtc,
            a.ClinicianId,
            db.Users.Where(u => u.Id == a.ClinicianId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            db.Users.Where(u => u.Id == a.SecondClinicianId).Select(u => u.DisplayName).FirstOrDefault(),
            db.Rooms.Where(r => r.Id == a.RoomId).Select(r => r.Name).FirstOrDefault(),
            a.Location,
            a.Status,
            a.CancelReason,
            a.GateNotMet));

    /// <summary>
    /// Like <see cref="Project"/> for appointments of any course, in one statement: each row says whether the viewer may see
    /// the appointment's course (one of <paramref name="visibleCourses"/>), and the patient's name is read only for those —
    /// the others say <see cref="Busy"/>, so a name the viewer may not see never leaves the database.
    /// </summary>
    public static IQueryable<ViewedAppointment> ProjectFor(IKapDbContext db, IQueryable<Appointment> appointments, IQueryable<Course> visibleCourses) =>
        appointments.Select(a => new ViewedAppointment(
            visibleCourses.Any(c => c.Id == a.CourseId),
            new AppointmentDto(
                a.Id,
                a.Version,
                a.CourseId,
                a.PatientId,
                visibleCourses.Any(c => c.Id == a.CourseId)
                    ? db.Patients.Where(p => p.Id == a.PatientId).Select(p => p.PreferredName == null ? p.LegalName : p.LegalName + " (" + p.PreferredName + ")").FirstOrDefault() ?? ""
                    : Busy,
                a.Kind,
                a.StartUtc,
                a.EndUtc,
                a.ClinicianId,
                db.Users.Where(u => u.Id == a.ClinicianId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
                db.Users.Where(u => u.Id == a.SecondClinicianId).Select(u => u.DisplayName).FirstOrDefault(),
                db.Rooms.Where(r => r.Id == a.RoomId).Select(r => r.Name).FirstOrDefault(),
                a.Location,
                a.Status,
                a.CancelReason,
                a.GateNotMet)));

    public static IQueryable<ReminderDto> Reminders(IKapDbContext db, IQueryable<Reminder> reminders) =>
        reminders.Select(r => new ReminderDto(
            r.Id,
            r.AppointmentId,
            r.Kind,
            r.RecipientRole,
            db.Users.Where(u => u.Id == r.RecipientUserId).Select(u => u.DisplayName).FirstOrDefault() ?? "",
            r.Channel,
            r.DueUtc,
            r.Status,
            r.Attempts,
            r.LastError,
            r.SentAtUtc));
}

/// <param name="NamesVisible">The viewer may see the appointment's course; otherwise the patient's name reads "Busy".</param>
public sealed record ViewedAppointment(bool NamesVisible, AppointmentDto Appointment);
