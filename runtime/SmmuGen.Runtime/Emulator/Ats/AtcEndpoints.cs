using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using SmmuGen.Smmuv3;

namespace SmmuGen.Emulator;

/// <summary>
/// The ATS-capable endpoints behind an SMMU, by StreamID: routes each CMD_ATC_INV to the ATC of
/// its StreamID as the Root Complex routes the ATS Invalidation Request (IHI 0070 3.9.1, 4.5.1).
/// Assign it to <see cref="TranslationEngine.Atc"/>. Thread-safe.
/// </summary>
public sealed class AtcEndpoints : IAtcInvalidationTarget
{
    private readonly ConcurrentDictionary<uint, AtcEndpoint> _endpoints = new();

    /// <summary>How many endpoints are attached.</summary>
    public int Count => _endpoints.Count;

    /// <summary>The attached endpoints.</summary>
    public IReadOnlyList<AtcEndpoint> Endpoints => [.. _endpoints.Values];

    /// <summary>The endpoint of <paramref name="streamId"/>.</summary>
    /// <exception cref="KeyNotFoundException">No endpoint has that StreamID.</exception>
    public AtcEndpoint this[uint streamId] => _endpoints[streamId];

    /// <summary>Attaches <paramref name="endpoint"/>; returns it.</summary>
    /// <exception cref="ArgumentException">An endpoint with the same StreamID is already attached.</exception>
    public AtcEndpoint Add(AtcEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        if (!_endpoints.TryAdd(endpoint.StreamId, endpoint))
        {
            throw new ArgumentException($"An endpoint with StreamID {endpoint.StreamId} is already attached.", nameof(endpoint));
        }

        return endpoint;
    }

    /// <summary>Creates and attaches the endpoint of <paramref name="streamId"/> behind <paramref name="smmu"/>.</summary>
    public AtcEndpoint Add(Smmu smmu, uint streamId, int capacity = AtcEndpoint.DefaultCapacity) => Add(new AtcEndpoint(smmu, streamId, capacity));

    /// <summary>The endpoint of <paramref name="streamId"/>, if attached.</summary>
    public bool TryGet(uint streamId, [MaybeNullWhen(false)] out AtcEndpoint endpoint) => _endpoints.TryGetValue(streamId, out endpoint);

    /// <summary>Detaches the endpoint of <paramref name="streamId"/>.</summary>
    public bool Remove(uint streamId) => _endpoints.TryRemove(streamId, out _);

    /// <summary>
    /// Sends the invalidation to the endpoint of the command's StreamID. With no endpoint there the
    /// request gets UR, which completes the command without error (IHI 0070 3.9.1.5).
    /// </summary>
    public bool Invalidate(in CmdAtcInv command) =>
        !_endpoints.TryGetValue(command.StreamID, out var endpoint) || endpoint.Invalidate(command);
}
