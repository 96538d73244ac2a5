//! Invented doctors: British names from the many backgrounds of the NHS workforce, and
//! 8-digit ESR-like staff numbers. Everything is a pure function of a seed and an index.

use super::rng::hash;
use std::collections::HashSet;

/// First names and surnames that belong together. Weights are in tenths of a per cent.
struct Background {
    weight: u32,
    first: &'static [&'static str],
    last: &'static [&'static str],
}

const BACKGROUNDS: &[Background] = &[
    Background {
        weight: 230,
        first: &[
            "Oliver",
            "Amelia",
            "Harry",
            "Charlotte",
            "George",
            "Emily",
            "James",
            "Sophie",
            "Thomas",
            "Hannah",
            "William",
            "Lucy",
            "Jack",
            "Eleanor",
            "Edward",
            "Grace",
            "Zoë",
            "Joseph",
            "Rebecca",
            "Daniel",
        ],
        last: &[
            "Smith",
            "Clarke",
            "Taylor",
            "Wright",
            "Thompson",
            "Harris",
            "Walker",
            "Robinson",
            "Hughes",
            "Turner",
            "Cooper",
            "Bennett",
            "Fletcher",
            "Marsh",
            "Holt",
            "Barker",
            "Whitfield",
            "Ashworth",
        ],
    },
    Background {
        weight: 60,
        first: &[
            "Rhys", "Siân", "Dafydd", "Ffion", "Owain", "Cerys", "Gethin", "Megan", "Iwan", "Nia",
            "Gareth", "Bethan", "Llinos", "Aled",
        ],
        last: &[
            "Jones",
            "Evans",
            "Davies",
            "Williams",
            "Lloyd",
            "Morgan",
            "Pritchard",
            "Powell",
            "Griffiths",
            "Rees",
            "Vaughan",
            "Price",
            "Howells",
            "Jenkins",
        ],
    },
    Background {
        weight: 50,
        first: &[
            "Callum", "Eilidh", "Fraser", "Isla", "Hamish", "Morag", "Euan", "Kirsty", "Angus",
            "Mhairi", "Ross", "Catriona",
        ],
        last: &[
            "MacDonald",
            "Campbell",
            "Stewart",
            "Murray",
            "Sinclair",
            "Ferguson",
            "McLeod",
            "Cameron",
            "Grant",
            "Buchanan",
            "Robertson",
            "Paterson",
        ],
    },
    Background {
        weight: 50,
        first: &[
            "Seán", "Aoife", "Niamh", "Ciarán", "Siobhán", "Pádraig", "Róisín", "Declan", "Orla",
            "Eoin", "Caoimhe", "Darragh",
        ],
        last: &[
            "O'Brien",
            "Murphy",
            "Kelly",
            "O'Sullivan",
            "Byrne",
            "Gallagher",
            "Doyle",
            "McCarthy",
            "Quinn",
            "Brennan",
            "Fitzgerald",
            "O'Connor",
        ],
    },
    Background {
        weight: 150,
        first: &[
            "Priya", "Arjun", "Ananya", "Rahul", "Deepa", "Vikram", "Kavya", "Sanjay", "Meera",
            "Rohan", "Lakshmi", "Nikhil", "Shreya", "Aditya", "Pooja", "Karan",
        ],
        last: &[
            "Patel", "Sharma", "Gupta", "Shah", "Mehta", "Iyer", "Nair", "Reddy", "Desai", "Joshi",
            "Kapoor", "Menon", "Rao", "Chopra", "Pillai", "Bhatt",
        ],
    },
    Background {
        weight: 130,
        first: &[
            "Aisha", "Mohammed", "Fatima", "Imran", "Zainab", "Bilal", "Sana", "Usman", "Hira",
            "Tariq", "Nadia", "Faisal", "Ayesha", "Hamza", "Rukhsana", "Shahid",
        ],
        last: &[
            "Khan", "Ahmed", "Hussain", "Ali", "Rahman", "Chaudhry", "Akhtar", "Iqbal", "Malik",
            "Siddiqui", "Qureshi", "Butt", "Islam", "Mahmood", "Raza",
        ],
    },
    Background {
        weight: 100,
        first: &[
            "Oluwaseun",
            "Chiamaka",
            "Adebayo",
            "Ngozi",
            "Chinedu",
            "Folake",
            "Emeka",
            "Yewande",
            "Kwame",
            "Abena",
            "Kofi",
            "Adaeze",
            "Tobi",
            "Efua",
            "Temitope",
            "Obinna",
        ],
        last: &[
            "Adeyemi", "Okafor", "Okonkwo", "Eze", "Nwosu", "Mensah", "Boateng", "Asante", "Owusu",
            "Balogun", "Olaniyan", "Obi", "Afolabi", "Adewale",
        ],
    },
    Background {
        weight: 40,
        first: &[
            "Jordan",
            "Kezia",
            "Marcus",
            "Simone",
            "Andre",
            "Natalie",
            "Dwayne",
            "Leanne",
            "Jerome",
            "Chantelle",
        ],
        last: &[
            "Campbell", "Brown", "Francis", "Thomas", "Grant", "Edwards", "Samuels", "Morris",
            "Henry", "Charles",
        ],
    },
    Background {
        weight: 50,
        first: &[
            "Wei", "Mei", "Jun", "Xin", "Hao", "Ling", "Kai", "Yan", "Ming", "Hui", "Jia", "Tao",
        ],
        last: &[
            "Chen", "Wong", "Li", "Zhang", "Lam", "Cheung", "Liu", "Ng", "Tan", "Lau", "Huang",
            "Yip",
        ],
    },
    Background {
        weight: 40,
        first: &[
            "Tomasz",
            "Katarzyna",
            "Piotr",
            "Agnieszka",
            "Marek",
            "Magdalena",
            "Krzysztof",
            "Joanna",
            "Andrzej",
            "Zofia",
            "Paweł",
            "Ewa",
        ],
        last: &[
            "Nowak",
            "Wójcik",
            "Kowalczyk",
            "Zając",
            "Król",
            "Wieczorek",
            "Mazur",
            "Krawczyk",
            "Pawlak",
            "Dudek",
            "Sikora",
            "Baran",
        ],
    },
    Background {
        weight: 30,
        first: &[
            "Nikos", "Eleni", "Giorgos", "Maria", "Christos", "Sofia", "Andreas", "Katerina",
            "Stavros", "Despina",
        ],
        last: &[
            "Papadopoulos",
            "Georgiou",
            "Christodoulou",
            "Constantinou",
            "Charalambous",
            "Ioannou",
            "Demetriou",
            "Nicolaou",
        ],
    },
    Background {
        weight: 30,
        first: &[
            "Marco", "Giulia", "Luca", "Chiara", "Javier", "Lucía", "João", "Inês", "Matteo",
            "Carmen",
        ],
        last: &[
            "Rossi",
            "Bianchi",
            "Romano",
            "Esposito",
            "García",
            "Fernández",
            "Silva",
            "Santos",
            "Ferreira",
            "Costa",
        ],
    },
    Background {
        weight: 20,
        first: &[
            "Chloé", "Camille", "Julien", "Élodie", "Antoine", "Léa", "Mathieu", "Amélie",
            "Nicolas", "Céline",
        ],
        last: &[
            "Martin", "Dubois", "Lefèvre", "Moreau", "Laurent", "Girard", "Rousseau", "Bernard",
            "Fontaine", "Mercier",
        ],
    },
    Background {
        weight: 30,
        first: &[
            "Tharshan", "Nirosha", "Kajan", "Thanuja", "Suresh", "Dilani", "Pradeep", "Anjali",
            "Ramesh", "Vasuki",
        ],
        last: &[
            "Sivakumar",
            "Jeyakumar",
            "Thevarajah",
            "Balasubramaniam",
            "Fernando",
            "Perera",
            "Jayawardena",
            "Wickramasinghe",
            "Sivarajah",
            "Selvarajah",
        ],
    },
    Background {
        weight: 40,
        first: &[
            "Omar", "Layla", "Yousef", "Rania", "Karim", "Huda", "Sami", "Dina", "Ahmad", "Noor",
        ],
        last: &[
            "Haddad", "Mansour", "Khalil", "Nasser", "Saleh", "Farouk", "Aziz", "Hamdan",
            "Darwish", "Jaber",
        ],
    },
];

fn pick(list: &'static [&'static str], h: u64) -> &'static str {
    list[(h % list.len() as u64) as usize]
}

fn one_name(seed: u64, index: u32, attempt: u32) -> (&'static str, &'static str) {
    let total: u32 = BACKGROUNDS.iter().map(|b| b.weight).sum();
    let h = hash(seed, &[0x4e41_4d45, u64::from(index), u64::from(attempt)]);
    let mut roll = (h % u64::from(total)) as u32;
    let mut bg = &BACKGROUNDS[0];
    for b in BACKGROUNDS {
        if roll < b.weight {
            bg = b;
            break;
        }
        roll -= b.weight;
    }
    (pick(bg.first, h >> 20), pick(bg.last, h >> 40))
}

/// Hands out doctors' names. It avoids repeating a full name, and while it easily can, a first
/// name or a surname too (a very large trust may still have two doctors of the same name, as
/// real ones do; their staff numbers differ).
pub(super) struct Names {
    seed: u64,
    used: HashSet<String>,
    used_parts: HashSet<&'static str>,
}

impl Names {
    pub(super) fn new(seed: u64) -> Self {
        Names {
            seed,
            used: HashSet::new(),
            used_parts: HashSet::new(),
        }
    }

    pub(super) fn name(&mut self, index: u32) -> String {
        let full = |(first, last): (&str, &str)| format!("{first} {last}");
        let mut parts = one_name(self.seed, index, 0);
        for attempt in 1..32 {
            let fresh_parts =
                !self.used_parts.contains(parts.0) && !self.used_parts.contains(parts.1);
            if !self.used.contains(&full(parts)) && (fresh_parts || attempt > 12) {
                break;
            }
            parts = one_name(self.seed, index, attempt);
        }
        self.used_parts.extend([parts.0, parts.1]);
        let name = full(parts);
        self.used.insert(name.clone());
        name
    }
}

/// An 8-digit ESR-like staff number, distinct for distinct indices below 90 million.
pub(super) fn staff_number(seed: u64, index: u32) -> String {
    // 35_742_311 is prime to 90_000_000 (= 2^7 3^2 5^7), so i -> i * 35_742_311 + c
    // (mod 90M) is a bijection that scatters neighbouring indices; the seed picks c.
    let offset = hash(seed, &[0x0045_5352]) % 90_000_000;
    let n = 10_000_000 + (u64::from(index) * 35_742_311 + offset) % 90_000_000;
    n.to_string()
}
