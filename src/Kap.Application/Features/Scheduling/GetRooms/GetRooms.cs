using Kap.Application.Common.Operations;
using Kap.Application.Common.Results;
using Kap.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Kap.Application.Features.Scheduling.GetRooms;

[RequiresPolicy(KapPolicies.Staff)]
public sealed record GetRoomsQuery : IQuery<Result<IReadOnlyList<RoomDto>>>;

public sealed record RoomDto(Guid Id, string Name);

public sealed class GetRoomsHandler(IOperationContext context) : IQueryHandler<GetRoomsQuery, Result<IReadOnlyList<RoomDto>>>
{
    public async ValueTask<Result<IReadOnlyList<RoomDto>>> Handle(GetRoomsQuery query, CancellationToken cancellationToken)
    {
        var rooms = await context.Current.Db.Rooms.AsNoTracking().Where(r => r.IsActive).OrderBy(r => r.Name)
            .Select(r => new RoomDto(r.Id, r.Name)).ToListAsync(cancellationToken);
        return rooms;
    }
}
