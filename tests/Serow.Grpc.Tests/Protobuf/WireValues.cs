// Licensed under the MIT license. See LICENSE in the project root.

using CsCheck;
using Protowire;

namespace Serow.Grpc.Tests.Protobuf;

/// <summary>Random values of the ProtoWire design's types, every field sometimes absent, empty or extreme.</summary>
internal static class WireValues
{
    private static readonly Gen<string> Text = Gen.OneOf(Gen.Const(string.Empty), Gen.String[0, 12], Gen.Const("\u00e9\U0001F600"));
    private static readonly Gen<byte[]> Bytes = Gen.Byte.Array[0, 8];
    private static readonly Gen<string> Kind = Gen.OneOf("NONE", "SMALL", "LARGE");
    private static readonly Gen<float> Float = Gen.OneOf(Gen.Float, Gen.OneOf(0f, 1.5f, float.MaxValue, float.NegativeInfinity));
    private static readonly Gen<double> Double = Gen.OneOf(Gen.Double, Gen.OneOf(0d, -2.25, double.MinValue, double.PositiveInfinity));

    public static readonly Gen<Scalars> Scalars =
        from numbers in Gen.Select(Gen.Bool, Gen.Int, Gen.Int, Gen.Long, Gen.UInt, Gen.UInt, Gen.ULong)
        from real in Gen.Select(Float, Double)
        from text in Nullable(Text)
        from blob in Nullable(Bytes)
        from maybe in Gen.Long.Nullable()
        from level in Gen.Int[-3, 9]
        from kind in Nullable(Kind)
        select new Scalars
        {
            Flag = numbers.Item1, Small = numbers.Item2, Medium = numbers.Item3, Large = numbers.Item4, Count = numbers.Item5,
            Count32 = numbers.Item6, Count64 = numbers.Item7, Ratio = real.Item1, Precise = real.Item2, Text = text, Blob = blob,
            Maybe = maybe, Level = level, Kind = kind,
        };

    public static readonly Gen<Lists> Lists =
        from flags in Gen.Bool.List[0, 4]
        from ints in Gen.Int.List[0, 4]
        from longs in Gen.Long.List[0, 4]
        from uints in Gen.UInt.List[0, 4]
        from ulongs in Gen.ULong.List[0, 4]
        from floats in Float.List[0, 4]
        from doubles in Double.List[0, 4]
        from texts in Text.List[0, 4]
        from blobs in Bytes.List[0, 3]
        from kinds in Kind.List[0, 4]
        from items in Scalars.List[0, 2]
        select new Lists
        {
            Flags = flags, Ints = ints, Longs = longs, Uints = uints, Ulongs = ulongs, Floats = floats, Doubles = doubles,
            Texts = texts, Blobs = blobs, Kinds = kinds, Items = items,
        };

    public static readonly Gen<Maps> Maps =
        from byName in Gen.Dictionary(Text, Gen.Long)[0, 3]
        from byNumber in Gen.Dictionary(Gen.Int, Text)[0, 3]
        from byId in Gen.Dictionary(Gen.ULong, Bytes)[0, 3]
        from byFlag in Gen.Dictionary(Gen.Bool, Scalars)[0, 2]
        from byLong in Gen.Dictionary(Gen.Long, Double)[0, 3]
        select new Maps
        {
            ByName = new Dictionary<string, long>(byName), ByNumber = new Dictionary<int, string>(byNumber),
            ById = new Dictionary<ulong, byte[]>(byId), ByFlag = new Dictionary<bool, Scalars>(byFlag),
            ByLong = new Dictionary<long, double>(byLong),
        };

    public static readonly Gen<Everything> Everything =
        from scalars in Nullable(Scalars)
        from lists in Nullable(Lists)
        from maps in Nullable(Maps)
        from note in Nullable(Text)
        from depth in Gen.Int
        from child in Nullable(Scalars)
        from inline in Gen.Bool
        select new Everything
        {
            Scalars = scalars, Lists = lists, Maps = maps, Note = note,
            Inline = inline ? new EverythingInline { Depth = depth, Child = child } : null,
        };

    private static Gen<T?> Nullable<T>(Gen<T> gen)
        where T : class =>
        Gen.Frequency((1, Gen.Const<T?>(default(T))), (3, gen.Select(v => (T?)v)));
}
