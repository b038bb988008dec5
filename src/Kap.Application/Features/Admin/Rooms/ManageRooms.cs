using FluentValidation;
using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Kap.Domain.Scheduling;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Admin.Rooms;

/// <summary>Adds a room that sessions can be booked into.</summary>
[RequiresPolicy(KapPolicies.Admin)]
public sealed record AddRoomCommand(string Name) : ICommand<Result<Guid>>;

/// <summary>Takes a room out of use (or back): past bookings keep it; new ones cannot choose it.</summary>
[RequiresPolicy(KapPolicies.Admin)]
public sealed record SetRoomActiveCommand(Guid RoomId, bool Active) : ICommand<Result>;

/// <summary>Every room, in use or not, for the admin screen.</summary>
[RequiresPolicy(KapPolicies.Admin)]
public sealed record GetAllRoomsQuery : IQuery<Result<IReadOnlyList<RoomAdminDto>>>;

public sealed record RoomAdminDto(Guid Id, string Name, bool IsActive);

public sealed class AddRoomValidator : AbstractValidator<AddRoomCommand>
{
    public AddRoomValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage("Name the room.").MaximumLength(100).WithMessage("Keep the name under 100 characters.");
    }
}

public sealed class AddRoomHandler(IOperationContext context) : ICommandHandler<AddRoomCommand, Result<Guid>>
{
    public async ValueTask<Result<Guid>> Handle(AddRoomCommand command, CancellationToken cancellationToken)
    {
        var db = context.Current.Db;
        var name = command.Name.Trim();
        if (await db.Rooms.AnyAsync(r => r.Name == name, cancellationToken))
        {
            return Error.Field(nameof(command.Name), "There is already a room with this name.");
        }

        var room = new Room(name);
        db.Rooms.Add(room);
        await db.SaveChangesAsync(cancellationToken);
        context.Current.Subject(nameof(Room), room.Id, null);
        return room.Id;
    }
}

public sealed class SetRoomActiveHandler(IOperationContext context) : ICommandHandler<SetRoomActiveCommand, Result>
{
    public async ValueTask<Result> Handle(SetRoomActiveCommand command, CancellationToken cancellationToken)
    {
        var db = context.Current.Db;
        context.Current.Subject(nameof(Room), command.RoomId, null);
        var room = await db.Rooms.SingleOrDefaultAsync(r => r.Id == command.RoomId, cancellationToken);
        if (room is null)
        {
            return Error.NotFound("The room");
        }

        room.IsActive = command.Active;
        await db.SaveChangesAsync(cancellationToken);
        return Result.Success();
    }
}

public sealed class GetAllRoomsHandler(IOperationContext context) : IQueryHandler<GetAllRoomsQuery, Result<IReadOnlyList<RoomAdminDto>>>
{
    public async ValueTask<Result<IReadOnlyList<RoomAdminDto>>> Handle(GetAllRoomsQuery query, CancellationToken cancellationToken)
    {
        var rooms = await context.Current.Db.Rooms.AsNoTracking().OrderBy(r => r.Name)
            .Select(r => new RoomAdminDto(r.Id, r.Name, r.IsActive)).ToListAsync(cancellationToken);
        return rooms;
    }
}
