namespace Kap.Domain.Common;

/// <summary>
/// A mutable clinical record guarded by optimistic concurrency: <see cref="Version"/> changes on every
/// save, and a save that started from an older version is refused rather than overwriting.
/// </summary>
public interface IVersioned
{
    Guid Version { get; set; }
}
