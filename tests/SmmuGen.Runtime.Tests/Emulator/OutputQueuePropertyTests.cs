using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using SmmuGen.Emulator;
using SmmuGen.Smmuv3;

namespace SmmuGen.Runtime.Tests.Emulator;

/// <summary>The Event queue against a simple model of a ring buffer with an overflow flag.</summary>
public sealed class OutputQueuePropertyTests
{
    /// <summary>One step: the SMMU records an event (Consume = 0), or software consumes up to Consume entries and may acknowledge an overflow.</summary>
    private readonly record struct Step(int Consume, bool Acknowledge);

    [Fact]
    public void RandomEventsAndConsumerUpdates_KeepProdConsConsistent_AndLoseExactlyTheOverflowingEvents()
    {
        var step = Gen.Frequency(
            (3, Gen.Constant(new Step(0, false))),
            (1, from n in Gen.Choose(1, 9) from ack in ArbMap.Default.GeneratorFor<bool>() select new Step(n, ack)));
        var scenario = from log2 in Gen.Choose(0, 4)
                       from steps in step.ArrayOf()
                       select (log2, steps);

        Prop.ForAll(scenario.ToArbitrary(), s =>
        {
            var bench = new QueueTestBench().EnableEventQueue((byte)s.log2);
            var capacity = 1 << s.log2;
            var pending = new Queue<uint>(); // events written and not yet consumed, oldest first
            uint next = 0, read = 0; // model indexes, counting every entry ever written / read
            var overflowPending = false;

            foreach (var st in s.steps)
            {
                if (st.Consume == 0)
                {
                    var id = next + 1000;
                    var result = bench.Events.TryWrite(QueueTestBench.Event(id));
                    if (pending.Count < capacity)
                    {
                        Assert.Equal(QueueWriteResult.Written, result);
                        pending.Enqueue(id);
                        next++;
                    }
                    else
                    {
                        Assert.Equal(QueueWriteResult.Lost, result);
                        overflowPending = true;
                    }
                }
                else
                {
                    var n = Math.Min(st.Consume, pending.Count);
                    for (var i = 0; i < n; i++)
                    {
                        var expected = pending.Dequeue();
                        Assert.Equal(expected, bench.EventAt(read % (uint)capacity).StreamID);
                        read++;
                    }

                    var prod = bench.Registers.Read<EventqProd>();
                    var cons = bench.Registers.Read<EventqCons>().WithRd(read % (2u * (uint)capacity));
                    if (st.Acknowledge)
                    {
                        cons = cons.WithOvackflg(prod.Ovflg);
                        overflowPending = false;
                    }

                    bench.Registers.Write(cons);
                }

                var mask = (2u * (uint)capacity) - 1;
                Assert.Equal(next & mask, bench.Registers.Read<EventqProd>().Wr);
                Assert.Equal(read & mask, bench.Registers.Read<EventqCons>().Rd);
                Assert.Equal(overflowPending, bench.Events.OverflowPending);
                Assert.Equal(pending.Count == capacity, bench.Events.IsFull);
                Assert.Equal(pending.Count == 0, bench.Events.IsEmpty);
            }
        }).QuickCheckThrowOnFailure();
    }
}
