using Kap.Domain.Courses;
using Kap.Domain.Preparation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kap.Infrastructure.Persistence.Configurations;

internal sealed class MedicalClearanceConfiguration : IEntityTypeConfiguration<MedicalClearance>
{
    public void Configure(EntityTypeBuilder<MedicalClearance> builder)
    {
        builder.ToTable("MedicalClearances");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Property(c => c.CardiacVascularHistory).HasMaxLength(4000);
        builder.Property(c => c.Allergies).HasMaxLength(2000);
        builder.Ignore(c => c.Bmi);
        builder.Ignore(c => c.IsSigned);
        builder.Ignore(c => c.HardStops);
        builder.Ignore(c => c.OpenFlags);
        builder.Ignore(c => c.MedicationWarnings);
        builder.ComplexProperty(c => c.Vitals, v =>
        {
            v.Property(x => x.SystolicMmHg).HasColumnName("SystolicMmHg");
            v.Property(x => x.DiastolicMmHg).HasColumnName("DiastolicMmHg");
            v.Property(x => x.HeartRateBpm).HasColumnName("HeartRateBpm");
            v.Property(x => x.WeightKg).HasColumnName("WeightKg").HasPrecision(6, 2);
            v.Property(x => x.HeightCm).HasColumnName("HeightCm").HasPrecision(6, 2);
        });
        builder.OwnsMany(c => c.Findings, f =>
        {
            f.ToTable("ClearanceFindings");
            f.WithOwner().HasForeignKey("ClearanceId");
            f.HasKey(x => x.Id);
            f.Property(x => x.Id).ValueGeneratedOnAdd();
            f.Property(x => x.Note).HasMaxLength(2000);
            f.Ignore(x => x.Kind);
            f.Ignore(x => x.IsOpen);
            f.OwnsOne(x => x.Override, o =>
            {
                o.Property(r => r.Reason).HasColumnName("OverrideReason").HasMaxLength(2000);
                o.Property(r => r.ByUserId).HasColumnName("OverrideBy");
                o.Property(r => r.AtUtc).HasColumnName("OverrideAtUtc");
            });
        });
        builder.Navigation(c => c.Findings).HasField("_findings").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.OwnsMany(c => c.Medications, m =>
        {
            m.ToTable("ClearanceMedications");
            m.WithOwner().HasForeignKey("ClearanceId");
            m.HasKey(x => x.Id);
            m.Property(x => x.Id).ValueGeneratedOnAdd();
            m.Property(x => x.Name).HasMaxLength(200).IsRequired();
            m.Property(x => x.Dose).HasMaxLength(200);
            m.Ignore(x => x.Warnings);
        });
        builder.Navigation(c => c.Medications).HasField("_medications").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasOne<Course>().WithMany().HasForeignKey(c => c.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.CourseId, c.StartedAtUtc });
    }
}

internal sealed class DosePlanConfiguration : IEntityTypeConfiguration<DosePlan>
{
    public void Configure(EntityTypeBuilder<DosePlan> builder)
    {
        builder.ToTable("DosePlans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Property(p => p.PlannedAmount).HasPrecision(8, 3);
        builder.Property(p => p.PatientMedicationInstructions).HasMaxLength(DosePlan.MaxPatientInstructionsLength);
        builder.Ignore(p => p.IsAnaesthetic);
        builder.OwnsOne(p => p.CeilingOverride, o =>
        {
            o.Property(r => r.Reason).HasColumnName("CeilingOverrideReason").HasMaxLength(2000);
            o.Property(r => r.ByUserId).HasColumnName("CeilingOverrideBy");
            o.Property(r => r.AtUtc).HasColumnName("CeilingOverrideAtUtc");
        });
        builder.HasOne<Course>().WithMany().HasForeignKey(p => p.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(p => new { p.CourseId, p.PlannedAtUtc });
    }
}
