using Kap.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kap.Infrastructure.Persistence.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.ToTable("Patients");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.LegalName).HasMaxLength(200).IsRequired();
        builder.Property(p => p.PreferredName).HasMaxLength(200);
        builder.Property(p => p.Email).HasMaxLength(256).IsRequired();
        builder.Property(p => p.Mobile).HasMaxLength(32);
        builder.Property(p => p.TimeZone).HasMaxLength(64).IsRequired();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.DisplayName);
        builder.ComplexProperty(p => p.SupportPerson, s =>
        {
            s.Property(x => x.Name).HasColumnName("SupportPersonName").HasMaxLength(200).IsRequired();
            s.Property(x => x.Relationship).HasColumnName("SupportPersonRelationship").HasMaxLength(100).IsRequired();
            s.Property(x => x.Phone).HasColumnName("SupportPersonPhone").HasMaxLength(32).IsRequired();
            s.Property(x => x.Email).HasColumnName("SupportPersonEmail").HasMaxLength(256);
        });
        // Ordered by name, with everything the caseload's search reads (both names, and the id to join courses on): a search
        // for part of a name has to read every name, and reads them from this index rather than from the whole table.
        builder.HasIndex(p => new { p.LegalName, p.PreferredName, p.Id });
        builder.HasIndex(p => p.UserId).IsUnique();
        // The caseload's "registered, waiting for a course": a clinician's own patients newest first, or everyone's for an admin.
        builder.HasIndex(p => new { p.RegisteredBy, p.RegisteredAtUtc });
        builder.HasIndex(p => p.RegisteredAtUtc);
    }
}

internal sealed class AppointmentRequestConfiguration : IEntityTypeConfiguration<Kap.Domain.Portal.AppointmentRequest>
{
    public void Configure(EntityTypeBuilder<Kap.Domain.Portal.AppointmentRequest> builder)
    {
        builder.ToTable("AppointmentRequests");
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Id).ValueGeneratedNever();
        builder.Property(r => r.Note).HasMaxLength(Kap.Domain.Portal.AppointmentRequest.MaxNoteLength);
        builder.Property(r => r.HandledNote).HasMaxLength(Kap.Domain.Portal.AppointmentRequest.MaxNoteLength);
        builder.HasOne<Kap.Domain.Scheduling.Appointment>().WithMany().HasForeignKey(r => r.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Patient>().WithMany().HasForeignKey(r => r.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.Status, r.CreatedAtUtc });
        builder.HasIndex(r => new { r.AppointmentId, r.CreatedAtUtc });
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<Kap.Domain.Portal.CalendarFeed>
{
    public void Configure(EntityTypeBuilder<Kap.Domain.Portal.CalendarFeed> builder)
    {
        builder.ToTable("CalendarFeeds");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Id).ValueGeneratedNever();
        builder.Property(f => f.TokenHash).HasMaxLength(64).IsRequired();
        builder.Ignore(f => f.IsActive);
        builder.HasOne<Patient>().WithMany().HasForeignKey(f => f.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(f => f.TokenHash).IsUnique();
        builder.HasIndex(f => f.PatientId);
    }
}

internal sealed class QuestionnaireDraftConfiguration : IEntityTypeConfiguration<Kap.Domain.Portal.QuestionnaireDraft>
{
    public void Configure(EntityTypeBuilder<Kap.Domain.Portal.QuestionnaireDraft> builder)
    {
        builder.ToTable("QuestionnaireDrafts");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Responses).HasMaxLength(400).IsRequired();
        builder.HasOne<Patient>().WithMany().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Kap.Domain.Courses.Course>().WithMany().HasForeignKey(d => d.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(d => new { d.PatientId, d.CourseId, d.Instrument }).IsUnique();
    }
}
