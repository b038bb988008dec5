using Kap.Domain.Courses;
using Kap.Domain.Dosing;
using Kap.Domain.Ledger;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Kap.Infrastructure.Persistence.Configurations;

internal sealed class DosingSessionConfiguration : IEntityTypeConfiguration<DosingSession>
{
    public void Configure(EntityTypeBuilder<DosingSession> builder)
    {
        builder.ToTable("DosingSessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Property(s => s.PlannedAmount).HasPrecision(8, 3);
        builder.Property(s => s.WeightKg).HasPrecision(6, 2);
        builder.Property(s => s.PlannedDoseMg).HasPrecision(8, 2);
        builder.Property(s => s.DoseArithmetic).HasMaxLength(500).IsRequired();
        builder.Property(s => s.EndNote).HasMaxLength(4000);
        builder.Ignore(s => s.IsOpen);
        builder.OwnsOne(s => s.BpOverride, o =>
        {
            o.Property(r => r.Reason).HasColumnName("BpOverrideReason").HasMaxLength(2000);
            o.Property(r => r.ByUserId).HasColumnName("BpOverrideBy");
            o.Property(r => r.AtUtc).HasColumnName("BpOverrideAtUtc");
        });
        builder.HasOne<Course>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(s => new { s.CourseId, s.StartedAtUtc });
        builder.HasIndex(s => s.AppointmentId);
    }
}

internal sealed class SessionAdministrationConfiguration : IEntityTypeConfiguration<SessionAdministration>
{
    public void Configure(EntityTypeBuilder<SessionAdministration> builder)
    {
        builder.ToTable("SessionAdministrations");
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Mg).HasPrecision(10, 3);
        builder.Property(a => a.Ml).HasPrecision(10, 4);
        builder.Property(a => a.CumulativeMg).HasPrecision(10, 3);
        builder.Property(a => a.CumulativeMgPerKg).HasPrecision(10, 4);
        builder.Property(a => a.Arithmetic).HasMaxLength(500).IsRequired();
        builder.OwnsOne(a => a.CeilingOverride, o =>
        {
            o.Property(r => r.Reason).HasColumnName("CeilingOverrideReason").HasMaxLength(2000);
            o.Property(r => r.ByUserId).HasColumnName("CeilingOverrideBy");
            o.Property(r => r.AtUtc).HasColumnName("CeilingOverrideAtUtc");
        });
        builder.HasOne<DosingSession>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<StockLot>().WithMany().HasForeignKey(a => a.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerEntry>().WithMany().HasForeignKey(a => a.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(a => new { a.SessionId, a.AtUtc });
    }
}

internal sealed class SessionVitalsConfiguration : IEntityTypeConfiguration<SessionVitals>
{
    public void Configure(EntityTypeBuilder<SessionVitals> builder)
    {
        builder.ToTable("SessionVitals");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasOne<DosingSession>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.SessionId, v.ClientEntryId }).IsUnique();
        builder.HasIndex(v => new { v.SessionId, v.AtUtc });
    }
}

internal sealed class SedationEntryConfiguration : IEntityTypeConfiguration<SedationEntry>
{
    public void Configure(EntityTypeBuilder<SedationEntry> builder)
    {
        builder.ToTable("SedationEntries");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasOne<DosingSession>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.SessionId, v.ClientEntryId }).IsUnique();
    }
}

internal sealed class DissociationEntryConfiguration : IEntityTypeConfiguration<DissociationEntry>
{
    public void Configure(EntityTypeBuilder<DissociationEntry> builder)
    {
        builder.ToTable("DissociationEntries");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Responses).HasMaxLength(200).IsRequired();
        builder.Ignore(v => v.IsSignificant);
        builder.HasOne<DosingSession>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => new { v.SessionId, v.ClientEntryId }).IsUnique();
    }
}

internal sealed class SessionNoteConfiguration : IEntityTypeConfiguration<SessionNote>
{
    public void Configure(EntityTypeBuilder<SessionNote> builder)
    {
        builder.ToTable("SessionNotes");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.Text).HasMaxLength(10_000).IsRequired();
        builder.HasOne<DosingSession>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => v.SessionId);
    }
}

internal sealed class AdverseEventConfiguration : IEntityTypeConfiguration<AdverseEvent>
{
    public void Configure(EntityTypeBuilder<AdverseEvent> builder)
    {
        builder.ToTable("AdverseEvents");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.Property(v => v.ActionTaken).HasMaxLength(4000).IsRequired();
        builder.Property(v => v.Outcome).HasMaxLength(4000).IsRequired();
        builder.HasOne<DosingSession>().WithMany().HasForeignKey(v => v.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(v => v.SessionId);
        builder.HasIndex(v => v.CourseId);
    }
}

internal sealed class StockLotConfiguration : IEntityTypeConfiguration<StockLot>
{
    public void Configure(EntityTypeBuilder<StockLot> builder)
    {
        builder.ToTable("StockLots");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Id).ValueGeneratedNever();
        builder.Property(l => l.StrengthMgPerMl).HasPrecision(10, 3);
        builder.Property(l => l.VolumeMlPerContainer).HasPrecision(10, 3);
        builder.Property(l => l.LotNumber).HasMaxLength(100).IsRequired();
        builder.Property(l => l.SupplierName).HasMaxLength(200).IsRequired();
        builder.Property(l => l.SupplierAddress).HasMaxLength(500).IsRequired();
        builder.Property(l => l.SupplierDeaNumber).HasMaxLength(20).IsRequired();
        builder.Ignore(l => l.MgPerContainer);
        builder.Ignore(l => l.ReceivedMg);
        builder.Ignore(l => l.ReceivedMl);
        builder.HasIndex(l => l.ReceivedAtUtc);
    }
}

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.ToTable("LedgerEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.Property(e => e.QuantityMg).HasPrecision(12, 3);
        builder.Property(e => e.QuantityMl).HasPrecision(12, 4);
        builder.Property(e => e.Manner).HasMaxLength(500);
        builder.Property(e => e.Form41Reference).HasMaxLength(100);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.Ignore(e => e.BalanceEffectMg);
        builder.HasOne<StockLot>().WithMany().HasForeignKey(e => e.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LedgerEntry>().WithMany().HasForeignKey(e => e.CorrectsEntryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.LotId, e.AtUtc });
        builder.HasIndex(e => e.AtUtc);
        builder.HasIndex(e => e.SessionId);
    }
}

internal sealed class InventoryCountConfiguration : IEntityTypeConfiguration<InventoryCount>
{
    public void Configure(EntityTypeBuilder<InventoryCount> builder)
    {
        builder.ToTable("InventoryCounts");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.CountedMg).HasPrecision(12, 3);
        builder.HasOne<StockLot>().WithMany().HasForeignKey(c => c.LotId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(c => new { c.LotId, c.AtUtc });
    }
}
