namespace Planning.Domain.Consolidation;

public static partial class Consolidator
{
    /// <summary>One enterprise's part of the run: what it declared, and what its own steps made of it.
    /// The steps of different enterprises share nothing, so they may run in parallel.</summary>
    sealed class Enterprise(string creditCode)
    {
        public string CreditCode { get; } = creditCode;
        public int Index { get; set; }
        public List<DeclaredItem> Declared { get; } = [];
        public List<(DeclaredItem Item, string Reason)> Cancelled { get; } = [];
        public DateOnly[] Days { get; set; } = [];
        /// <summary>Deduped items, in the order dedupe made them.</summary>
        public List<Item> Items { get; } = [];
        /// <summary>Items that could not be placed, in the order they were found.</summary>
        public List<Item> Unscheduled { get; } = [];
        public List<Visit> Visits { get; } = [];
        public List<PlannedVisit> Planned { get; set; } = [];
        public List<MergeDecision> Decisions { get; set; } = [];
        public int LowerBound { get; set; }
    }

    sealed class Item
    {
        public required Enterprise Enterprise { get; init; }
        public required List<DeclaredItem> Declared { get; init; }
        public DeclaredItem Representative => Declared[0];
        public string CreditCode => Enterprise.CreditCode;
        public string Agency => Representative.AgencyCode;
        public string Matter => Representative.MatterCode;
        public bool Mergeable => Representative.Mergeable;
        public DateOnly From { get; init; }
        public DateOnly To { get; init; }
        public int Lo { get; init; }
        public int Hi { get; init; }
        public Visit? Visit { get; set; }
        public bool LeftOutByAgencyLimit { get; set; }
        public bool RodeInSolo { get; set; }
        public DecisionReason? UnscheduledBecause { get; set; }
    }

    sealed class Visit(Enterprise enterprise, int rank, string? soloAgency)
    {
        string[]? _agencies;

        public Enterprise Enterprise { get; } = enterprise;
        public string CreditCode => Enterprise.CreditCode;
        public DateOnly[] Days => Enterprise.Days;
        public int Rank { get; set; } = rank;
        public DateOnly Day => Days[Rank];
        public string? SoloAgency { get; } = soloAgency;
        public List<Item> Items { get; } = [];

        /// <summary>The distinct agencies of the items, in ordinal order; kept until an item leaves.</summary>
        public string[] Agencies
        {
            get
            {
                if (_agencies is not null) return _agencies;
                var agencies = new List<string>(Items.Count);
                foreach (var item in Items)
                    if (!agencies.Contains(item.Agency)) agencies.Add(item.Agency);
                agencies.Sort(Ordinal);
                return _agencies = agencies.ToArray();
            }
        }

        public void Add(Item item)
        {
            Items.Add(item);
            item.Visit = this;
            _agencies = null;
        }

        /// <summary>Takes out the items of <paramref name="leaves"/>' agencies, in visit order, as unscheduled for <paramref name="reason"/>.</summary>
        public void Unschedule(Func<string, bool> leaves, DecisionReason reason)
        {
            foreach (var item in Items)
            {
                if (!leaves(item.Agency)) continue;
                item.Visit = null;
                item.UnscheduledBecause = reason;
                Enterprise.Unscheduled.Add(item);
            }
            Items.RemoveAll(i => i.Visit is null);
            _agencies = null;
        }

        public string Id { get; set; } = "";
    }

    /// <summary>Buffers one worker reuses across the enterprises it plans: the sweep's choices are
    /// rebuilt for every visit, and the rollouts for every mergeable one.</summary>
    sealed class Scratch
    {
        public bool[] Mask = [];
        public readonly List<int> Solo = [], Joint = [], LeftOut = [], Next = [], NextLeftOut = [];
        public readonly List<string> Chosen = [];
    }
}
