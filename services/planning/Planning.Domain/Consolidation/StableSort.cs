namespace Planning.Domain.Consolidation;

/// <summary>Sorts that keep equal elements in their order, as LINQ's OrderBy does, without its
/// key arrays and enumerators: the consolidation's output order is part of its contract.</summary>
static class StableSort
{
    public static void Sort<T>(List<T> list, Comparison<T> comparison) => Sort(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list), comparison);

    public static void Sort<T>(Span<T> list, Comparison<T> comparison)
    {
        if (list.Length <= 16)
        {
            // Insertion sort: most lists here are an enterprise's handful of items or visits.
            for (var i = 1; i < list.Length; i++)
            {
                var value = list[i];
                var j = i - 1;
                while (j >= 0 && comparison(list[j], value) > 0)
                {
                    list[j + 1] = list[j];
                    j--;
                }
                list[j + 1] = value;
            }
            return;
        }
        var indexed = new (T Value, int Index)[list.Length];
        for (var i = 0; i < indexed.Length; i++) indexed[i] = (list[i], i);
        Array.Sort(indexed, (a, b) => comparison(a.Value, b.Value) is var c and not 0 ? c : a.Index.CompareTo(b.Index));
        for (var i = 0; i < indexed.Length; i++) list[i] = indexed[i].Value;
    }
}
