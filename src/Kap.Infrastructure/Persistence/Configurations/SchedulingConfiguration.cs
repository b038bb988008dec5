using Kap.Application.Common.Identity;
using Kap.Domain.Courses;
using Kap.Domain.Reminders;
using Kap.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kap.Infrastructure.Persistence.Configurations;

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.ToTable("Appointments");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Property(a => a.Location).HasMaxLength(300);
        builder.Property(a => a.CancelReason).HasMaxLength(500);
        builder.Ignore(a => a.Slot);
        builder.HasOne<Course>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Room>().WithMany().HasForeignKey(a => a.RoomId).OnDelete(DeleteBehavior.Restrict);
        // The clash checks and calendars look appointments up by clinician, patient or room within a time range.
        builder.HasIndex(a => new { a.ClinicianId, a.StartUtc });
        builder.HasIndex(a => new { a.SecondClinicianId, a.StartUtc });
        builder.HasIndex(a => new { a.PatientId, a.StartUtc });
        builder.HasIndex(a => new { a.RoomId, a.StartUtc });
        builder.HasIndex(a => new { a.CourseId, a.StartUtc });
    }
}

internal sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.ToTable("Rooms");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Name).HasMaxLength(100).IsRequired();
        builder.HasIndex(r => r.Name).IsUnique();
    }
}

internal sealed class ReminderConfiguration : IEntityTypeConfiguration<Reminder>
{
    public void Configure(EntityTypeBuilder<Reminder> builder)
    {
        builder.ToTable("Reminders");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.LastError).HasMaxLength(500);
        builder.Ignore(r => r.IsOpen);
        // The dispatcher's query: what is due, by status.
        builder.HasIndex(r => new { r.Status, r.DueUtc });
        builder.HasIndex(r => r.AppointmentId);
        builder.HasIndex(r => new { r.CourseId, r.DueUtc });
        builder.HasIndex(r => new { r.PatientId, r.DueUtc });
    }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("InboxMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Subject).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(4000).IsRequired();
        builder.HasOne<KapUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => new { m.UserId, m.CreatedAtUtc });
    }
}
