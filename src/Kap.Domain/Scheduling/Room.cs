using Kap.Domain.Common;

namespace Kap.Domain.Scheduling;

public sealed class Room : Entity
{
    private Room()
    {
    }

    public Room(string name) => Name = name.Trim();

    public string Name { get; private set; } = "";

    public bool IsActive { get; set; } = true;
}
