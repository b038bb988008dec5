namespace Kap.Domain.Preparation;

/// <summary>
/// A contraindication the NP found present, with the override that lets dosing go ahead despite it
/// (flags only: a hard stop never has one).
/// </summary>
public sealed class ClearanceFinding
{
    private ClearanceFinding()
    {
    }

    internal ClearanceFinding(Contraindication contraindication, string? note, Guid recordedBy, DateTime recordedAtUtc)
    {
        Contraindication = contraindication;
        Note = note;
        RecordedBy = recordedBy;
        RecordedAtUtc = recordedAtUtc;
    }

    public int Id { get; private set; }
    public Contraindication Contraindication { get; private set; }
    public string? Note { get; private set; }
    public Guid RecordedBy { get; private set; }
    public DateTime RecordedAtUtc { get; private set; }
    public SignedOverride? Override { get; private set; }

    public ContraindicationKind Kind => Contraindication.Kind();

    /// <summary>Whether this finding still stands in the way of signing: a hard stop always, a flag until overridden.</summary>
    public bool IsOpen => Kind == ContraindicationKind.HardStop || Override is null;

    internal void SetOverride(SignedOverride signedOverride) => Override = signedOverride;
}
