using Kap.Domain.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kap.Infrastructure.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Action).HasMaxLength(100).IsRequired();
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Roles).HasMaxLength(200);
        builder.Property(a => a.EntityType).HasMaxLength(100);
        builder.Property(a => a.Outcome).HasMaxLength(50);
        builder.Property(a => a.PreviousHash).HasMaxLength(64).IsUnicode(false);
        builder.Property(a => a.Hash).HasMaxLength(64).IsUnicode(false);
        // One entry per place in the chain: a second writer linking to the same entry fails instead of forking it.
        builder.HasIndex(a => a.Sequence).IsUnique();
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.PatientId, a.AtUtc });
        builder.HasIndex(a => new { a.UserId, a.AtUtc });
    }
}

internal sealed class EmergencyAccessConfiguration : IEntityTypeConfiguration<Kap.Domain.Auditing.EmergencyAccess>
{
    public void Configure(EntityTypeBuilder<Kap.Domain.Auditing.EmergencyAccess> builder)
    {
        builder.ToTable("EmergencyAccesses");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).ValueGeneratedNever();
        builder.Property(g => g.Reason).HasMaxLength(Kap.Domain.Auditing.EmergencyAccess.MaxReasonLength).IsRequired();
        builder.HasIndex(g => new { g.UserId, g.ExpiresAtUtc });
        builder.HasIndex(g => new { g.CourseId, g.GrantedAtUtc });
    }
}
