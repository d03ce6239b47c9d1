/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-sample.c: a made-up but believable network.
 *
 * "Explore a sample network" fills an empty store with people someone who
 * networks would really meet: realtors, loan officers, CPAs, a POS seller
 * who came to the wrong lunch; with who introduced whom, what each can do
 * for the other, a timeline and a few follow-ups due. The benchmarks use
 * the same generator at 100,000 contacts, so it writes everything in one
 * transaction, through the store's own row writers (the same validation,
 * columns, tags table and full-text index as a user's edits) but in bulk:
 * contacts a batch per statement, each contact's keep-in-touch clock moved
 * once, and the outbox written in one pass per table at the end, with the
 * very payloads a user's edits would have queued.
 *
 * The content depends only on the seed and on "today"; identities (UUIDs,
 * HLC stamps) are fresh on every run, as for any other new record, so that
 * two devices that both explore the sample never share a record by accident.
 */
#define G_LOG_DOMAIN "rapport-sample"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "rapport-contact-private.h"
#include "rapport-sample.h"
#include "rapport-store-private.h"
#include "rapport-text.h"

/* A NULL-terminated list of strings, for the vocabulary tables. */
#define L(...) ((const char *const[]){ __VA_ARGS__, NULL })

/* Meetings are spread over the two years before today; follow-ups reach
 * two weeks ahead. Days are counted backwards from today. */
#define DAYS_BACK 735
#define DAYS_AHEAD 14
#define MAX_INTERACTIONS 12
#define MIN_LAPSED 3
/* Contacts written per statement, see rapport_store_insert_contact_rows(). */
#define MAX_BATCH 64

/* People */

typedef struct
{
  guint weight;
  const char *const *female;
  const char *const *male;
  /* "Kowalski|Kowalska": the masculine and the feminine form */
  const char *const *family;
} Culture;

static const Culture cultures[] = {
  { 30,
    L ("Emily", "Sarah", "Jessica", "Megan", "Rachel", "Lauren", "Hannah", "Abigail", "Katherine", "Olivia", "Madison", "Claire", "Rebecca", "Amanda", "Brittany", "Zoë", "Heather", "Allison", "Natalie", "Caroline", "Danielle", "Jasmine", "Whitney", "Courtney"),
    L ("James", "Michael", "David", "Christopher", "Matthew", "Daniel", "Andrew", "Ryan", "Tyler", "Brandon", "Jacob", "Nathan", "Kevin", "Justin", "Eric", "Benjamin", "Travis", "Cody", "Garrett", "Scott", "Marcus", "Terrence", "Derek", "Grant"),
    L ("Smith", "Johnson", "Williams", "Brown", "Davis", "Miller", "Wilson", "Anderson", "Taylor", "Thomas", "Moore", "Martin", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson", "Walker", "Young", "Allen", "King", "Wright", "Hill", "Green", "Baker", "Adams", "Nelson", "Carter", "Mitchell", "Campbell", "Roberts", "Whitfield", "Holloway", "Prescott", "Bennett", "Hayes", "Brooks", "Fletcher", "Jackson", "Washington", "Coleman", "Russell", "Sanders") },
  { 16,
    L ("María", "Lucía", "Sofía", "Valeria", "Camila", "Ximena", "Gabriela", "Daniela", "Mariana", "Ana", "Verónica", "Isabel", "Rocío", "Beatriz", "Paola", "Adriana"),
    L ("José", "Alejandro", "Andrés", "Javier", "Luis", "Carlos", "Diego", "Mateo", "Rubén", "Héctor", "Raúl", "Joaquín", "Sebastián", "Julián", "Ricardo", "Emilio"),
    L ("Álvarez", "García", "Hernández", "Martínez", "Rodríguez", "López", "González", "Pérez", "Sánchez", "Ramírez", "Torres", "Flores", "Rivera", "Gómez", "Díaz", "Cruz", "Morales", "Ortiz", "Gutiérrez", "Chávez", "Ramos", "Núñez", "Castillo", "Vargas", "Mendoza", "Jiménez", "Ibáñez", "Peña", "Salazar", "Delgado") },
  { 4,
    L ("Siobhán", "Aoife", "Niamh", "Caoimhe", "Róisín", "Saoirse", "Orla", "Máire"),
    L ("Seán", "Ciarán", "Eoin", "Pádraig", "Declan", "Cormac", "Oisín", "Darragh"),
    L ("O'Brien", "Murphy", "Kelly", "O'Sullivan", "Walsh", "McCarthy", "Byrne", "O'Connor", "Doyle", "Fitzgerald", "Gallagher", "Quinn") },
  { 5,
    L ("Amélie", "Céline", "Hélène", "Chloé", "Léa", "Aïsha", "Maëlle", "Noémie", "Géraldine", "Juliette"),
    L ("François", "Jérôme", "Étienne", "Benoît", "Loïc", "Mathieu", "Olivier", "Rémi", "Théo", "Guillaume"),
    L ("Lefèvre", "Gagnon", "Bélanger", "Côté", "Dubois", "Tremblay", "Moreau", "Girard", "Lévesque", "Bouchard", "Roy", "Beaulieu") },
  { 3,
    L ("Małgorzata", "Agnieszka", "Zofia", "Katarzyna", "Joanna", "Magdalena"),
    L ("Łukasz", "Wojciech", "Krzysztof", "Paweł", "Tomasz", "Michał", "Jakub"),
    L ("Kowalski|Kowalska", "Nowak", "Wiśniewski|Wiśniewska", "Wójcik", "Lewandowski|Lewandowska", "Dąbrowski|Dąbrowska", "Zieliński|Zielińska", "Kamiński|Kamińska", "Szymański|Szymańska") },
  { 3,
    L ("Ingrid", "Astrid", "Sigrid", "Freja", "Sølvi", "Maja", "Linnéa", "Åsa"),
    L ("Øyvind", "Søren", "Lars", "Bjørn", "Anders", "Henrik", "Magnus", "Espen"),
    L ("Hansen", "Johansen", "Lindqvist", "Bergström", "Ødegaard", "Sørensen", "Håkansson", "Nyström", "Åberg", "Lund") },
  { 4,
    L ("Anneliese", "Lena", "Katrin", "Jana", "Sanne", "Femke", "Greta", "Mareike"),
    L ("Jürgen", "Jörg", "Matthias", "Stefan", "Florian", "Maarten", "Joost", "Tobias"),
    L ("Müller", "Schröder", "Weiß", "Becker", "Hoffmann", "van der Berg", "de Vries", "Jansen", "Vogel", "Krüger", "Schäfer", "Bakker") },
  { 3,
    L ("Giulia", "Chiara", "Francesca", "Alessia", "Martina", "Federica"),
    L ("Matteo", "Niccolò", "Lorenzo", "Alessandro", "Marco", "Giacomo"),
    L ("Rossi", "Bianchi", "Esposito", "Romano", "Ricci", "De Luca", "Conti", "Costa", "Mancini") },
  { 1,
    L ("Eleni", "Katerina", "Despina", "Zoë"),
    L ("Giorgos", "Dimitris", "Nikos", "Kostas"),
    L ("Papadopoulos", "Georgiou", "Nikolaidis", "Konstantinou", "Pappas") },
  { 4,
    L ("Linh", "Thảo", "Mai", "Ngọc", "Hương", "Trang", "Vy"),
    L ("Minh", "Quân", "Hùng", "Đức", "Tuấn", "Khoa", "Bảo"),
    L ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Võ", "Đặng", "Bùi") },
  { 7,
    L ("Priya", "Ananya", "Deepa", "Kavya", "Neha", "Shreya", "Aditi", "Meera"),
    L ("Arjun", "Rohan", "Vikram", "Rahul", "Sanjay", "Aditya", "Nikhil", "Karthik"),
    L ("Patel", "Sharma", "Iyer", "Reddy", "Gupta", "Chatterjee", "Nair", "Desai", "Singh", "Rao", "Menon", "Kapoor") },
  { 3,
    L ("Mei", "Xiaoling", "Jing", "Yan", "Lihua"),
    L ("Wei", "Haoran", "Jun", "Zhiwei", "Tao"),
    L ("Chen", "Wang", "Li", "Zhang", "Liu", "Huang", "Lin", "Zhou", "Wu") },
  { 1,
    L ("Yuki", "Aiko", "Haruka", "Emi"),
    L ("Hiroshi", "Kenji", "Takumi", "Daisuke"),
    L ("Tanaka", "Sato", "Nakamura", "Suzuki", "Watanabe", "Yamamoto") },
  { 2,
    L ("Ji-woo", "Seo-yeon", "Min-ji", "Eun-ji"),
    L ("Min-jun", "Tae-yang", "Sung-ho", "Jae-won"),
    L ("Kim", "Park", "Lee", "Choi", "Jung", "Kang") },
  { 3,
    L ("Amara", "Ngozi", "Adaeze", "Abena", "Chiamaka", "Folake"),
    L ("Kwame", "Chidi", "Emeka", "Kofi", "Tunde", "Obinna"),
    L ("Okafor", "Mensah", "Adeyemi", "Okonkwo", "Boateng", "Nwosu", "Asante", "Eze") },
  { 3,
    L ("Aïsha", "Fatima", "Leila", "Yasmin", "Nour", "Rania"),
    L ("Omar", "Youssef", "Tariq", "Karim", "Samir", "Mehdi"),
    L ("Haddad", "El-Amin", "Mansour", "Khalil", "Nasser", "Benali", "Saleh") },
};

/* Names written in their own script, with the spelling their owner uses
 * for email and business. */
typedef struct
{
  const char *given;
  const char *family;
  const char *given_latin;
  const char *family_latin;
  gboolean family_first;
} ScriptName;

static const ScriptName script_names[] = {
  { "娜", "李", "Na", "Li", TRUE },
  { "伟", "王", "Wei", "Wang", TRUE },
  { "敏", "张", "Min", "Zhang", TRUE },
  { "静", "陈", "Jing", "Chen", TRUE },
  { "健", "佐藤", "Ken", "Sato", TRUE },
  { "花子", "鈴木", "Hanako", "Suzuki", TRUE },
  { "민준", "김", "Minjun", "Kim", TRUE },
  { "서연", "이", "Seoyeon", "Lee", TRUE },
  { "محمد", "حداد", "Mohammed", "Haddad", FALSE },
  { "ليلى", "منصور", "Layla", "Mansour", FALSE },
  { "Анна", "Смирнова", "Anna", "Smirnova", FALSE },
  { "Дмитрий", "Иванов", "Dmitry", "Ivanov", FALSE },
  { "Γιώργος", "Παπαδόπουλος", "Giorgos", "Papadopoulos", FALSE },
  { "प्रिया", "शर्मा", "Priya", "Sharma", FALSE },
  { "נועה", "כהן", "Noa", "Cohen", FALSE },
};

/* Places */

typedef struct
{
  const char *name;
  guint weight;
  const char *const *area_codes;
} City;

/* A networker's contacts are mostly local: this one works around Austin. */
static const City cities[] = {
  { "Austin", 30, L ("512", "737") },
  { "Round Rock", 6, L ("512", "737") },
  { "Cedar Park", 4, L ("512") },
  { "Georgetown", 3, L ("512") },
  { "Pflugerville", 3, L ("512", "737") },
  { "San Marcos", 3, L ("512") },
  { "Leander", 2, L ("512", "737") },
  { "Kyle", 2, L ("512") },
  { "San Antonio", 7, L ("210", "726") },
  { "Houston", 6, L ("713", "832", "281") },
  { "Dallas", 6, L ("214", "469", "972") },
  { "Fort Worth", 3, L ("817", "682") },
  { "Waco", 2, L ("254") },
  { "Denver", 3, L ("303", "720") },
  { "Chicago", 3, L ("312", "773") },
  { "Nashville", 2, L ("615", "629") },
  { "Atlanta", 2, L ("404", "678") },
  { "Seattle", 2, L ("206") },
  { "Toronto", 2, L ("416", "647") },
  { "Montréal", 2, L ("514", "438") },
};

/* Businesses */

enum {
  STYLE_BRAND = 1 << 0,    /* Summit Realty */
  STYLE_PLACE = 1 << 1,    /* Round Rock Dental */
  STYLE_SURNAME = 1 << 2,  /* Bennett Insurance Agency */
  STYLE_PARTNERS = 1 << 3, /* Whitfield & Ortiz LLP */
  STYLE_PERSONAL = 1 << 4, /* Priya Sharma Coaching */
};

typedef struct
{
  const char *name;
  const char *professional; /* one of them, as others refer to them */
  guint weight;
  guint styles;
  gboolean incorporated; /* may carry "LLC" or "Inc." */
  const char *const *titles;
  const char *const *company_words;
  const char *const *needs;       /* their ideal referral */
  const char *const *clients;     /* whom they see every week */
  const char *const *connections; /* whom they could introduce the user to */
  const char *const *topics;      /* what they know about */
  const char *const *partners;    /* whom they send their clients to */
} Industry;

static const Industry industries[] = {
  { "Real estate", "real estate agent", 9, STYLE_BRAND | STYLE_PLACE | STYLE_SURNAME, TRUE,
    L ("Realtor", "Real Estate Agent", "Broker Associate", "Managing Broker", "Listing Specialist", "Relocation Specialist"),
    L ("Realty", "Properties", "Real Estate Group", "Homes", "Realty Partners"),
    L ("first-time buyers", "families relocating to the area", "empty nesters ready to downsize", "landlords thinking about selling", "investors buying rental properties"),
    L ("new homeowners", "families who just moved to town", "home buyers"),
    L ("the top producers at their brokerage", "a dozen home-service pros", "property managers across town"),
    L ("the local housing market", "staging a home for sale", "buying investment property"),
    L ("loan officer", "home inspector", "insurance agent", "interior designer", "photographer", "general contractor") },
  { "Mortgage lending", "loan officer", 6, STYLE_BRAND | STYLE_PLACE, TRUE,
    L ("Loan Officer", "Senior Loan Officer", "Mortgage Broker", "Branch Manager", "Mortgage Advisor"),
    L ("Mortgage", "Home Loans", "Lending", "Mortgage Group"),
    L ("realtors who work with first-time buyers", "builders with new construction", "homeowners thinking about a refinance", "self-employed buyers who find it hard to qualify"),
    L ("first-time buyers", "people buying their next home", "homeowners refinancing"),
    L ("the busiest realtors in town", "builders and developers", "financial planners"),
    L ("pre-approval", "down-payment assistance", "where rates are heading"),
    L ("real estate agent", "financial planner", "insurance agent", "accountant") },
  { "Insurance", "insurance agent", 6, STYLE_BRAND | STYLE_SURNAME | STYLE_PLACE, TRUE,
    L ("Insurance Agent", "Agency Owner", "Commercial Lines Producer", "Account Manager", "Benefits Advisor"),
    L ("Insurance Agency", "Insurance Group", "Insurance", "Risk Partners"),
    L ("small-business owners with a renewal coming up", "new homeowners", "families with teenage drivers", "contractors who need liability coverage"),
    L ("small-business owners", "homeowners and landlords", "families all over town"),
    L ("the realtors they insure", "local business owners", "auto and body shops"),
    L ("liability coverage", "umbrella policies", "cyber insurance"),
    L ("real estate agent", "loan officer", "financial planner", "attorney") },
  { "Accounting", "accountant", 6, STYLE_SURNAME | STYLE_PARTNERS | STYLE_BRAND, TRUE,
    L ("CPA", "Tax Manager", "Partner", "Bookkeeper", "Staff Accountant", "Fractional CFO"),
    L ("CPAs", "Accounting", "Tax & Advisory", "Bookkeeping"),
    L ("small businesses outgrowing their bookkeeper", "startups that need a fractional CFO", "people with rental properties", "owners getting ready to sell their business"),
    L ("small-business owners", "restaurant owners", "freelancers and consultants"),
    L ("business owners who trust them with their books", "estate attorneys", "bankers at three local banks"),
    L ("quarterly estimated taxes", "S-corp elections", "bookkeeping software"),
    L ("attorney", "financial planner", "business banker", "IT consultant") },
  { "Law", "attorney", 5, STYLE_PARTNERS | STYLE_SURNAME, FALSE,
    L ("Attorney", "Partner", "Estate Planning Attorney", "Business Attorney", "Associate Attorney", "Paralegal"),
    L ("LLP", "Law Group", "Law", "PLLC", "Legal"),
    L ("families without a will", "business owners forming a new company", "people going through probate", "landlords who need their leases reviewed"),
    L ("families planning their estates", "small-business owners", "startup founders"),
    L ("the CPAs and financial planners they work with", "attorneys in every specialty", "business owners"),
    L ("contracts", "trademarks", "setting up an LLC"),
    L ("accountant", "financial planner", "business banker", "insurance agent") },
  { "Financial planning", "financial planner", 6, STYLE_BRAND | STYLE_SURNAME, TRUE,
    L ("Financial Planner", "Wealth Advisor", "Financial Advisor", "Retirement Planner", "Certified Financial Planner"),
    L ("Wealth Partners", "Financial Planning", "Wealth Management", "Advisors", "Financial Group"),
    L ("couples five to ten years from retirement", "business owners planning their exit", "young professionals starting to invest", "people changing jobs with a 401(k) to roll over"),
    L ("pre-retirees", "business owners", "young families"),
    L ("estate attorneys and CPAs", "business owners", "members of their golf club"),
    L ("retirement accounts", "college savings plans", "selling a business"),
    L ("accountant", "attorney", "insurance agent", "business banker") },
  { "IT services", "IT consultant", 4, STYLE_BRAND, TRUE,
    L ("IT Consultant", "Managed Services Director", "Network Engineer", "Founder & CEO", "Account Executive", "Cybersecurity Specialist"),
    L ("IT Solutions", "Technology Group", "Networks", "Managed IT", "Tech"),
    L ("offices with ten to fifty computers", "medical and dental practices with compliance needs", "businesses still running their own servers", "firms worried about ransomware"),
    L ("medical and dental offices", "law and accounting firms", "small offices across town"),
    L ("office managers at dozens of companies", "software vendors", "business owners who trust their advice"),
    L ("backups and cybersecurity", "choosing a phone system", "Microsoft 365"),
    L ("accountant", "marketing consultant", "POS specialist", "attorney") },
  { "Marketing", "marketing consultant", 5, STYLE_BRAND | STYLE_PERSONAL, TRUE,
    L ("Marketing Director", "Brand Strategist", "SEO Specialist", "Social Media Manager", "Creative Director", "Founder"),
    L ("Creative", "Digital", "Marketing", "Media", "Studio"),
    L ("businesses launching a new brand", "companies with a tired website", "professional firms that want more reviews", "restaurants and shops that need help with social media"),
    L ("local service businesses", "professional practices", "new businesses"),
    L ("business owners who are growing", "web developers and copywriters", "local reporters and podcast hosts"),
    L ("websites that convert", "LinkedIn content", "Google reviews"),
    L ("photographer", "print shop", "IT consultant", "event planner") },
  { "Printing", "print shop", 2, STYLE_BRAND | STYLE_PLACE | STYLE_SURNAME, TRUE,
    L ("Print Consultant", "Owner", "Production Manager", "Sales Representative"),
    L ("Print", "Printing & Signs", "Press", "Graphics", "Print & Promo"),
    L ("businesses planning a trade-show booth", "event planners who need signage", "nonprofits printing for their galas", "new businesses that need cards and signs"),
    L ("every new business in town", "event planners", "real estate offices"),
    L ("new business owners", "event planners and venues", "graphic designers"),
    L ("trade-show displays", "branded merchandise", "direct mail"),
    L ("marketing consultant", "event planner", "photographer") },
  { "Construction", "general contractor", 4, STYLE_BRAND | STYLE_SURNAME | STYLE_PLACE, TRUE,
    L ("General Contractor", "Project Manager", "Estimator", "Owner", "Superintendent"),
    L ("Builders", "Construction", "Contracting", "Remodeling", "Homes"),
    L ("homeowners planning a remodel", "tenants building out new office space", "investors flipping houses", "architects who need a reliable builder"),
    L ("homeowners remodeling", "commercial property owners", "investors"),
    L ("subcontractors in every trade", "architects and designers", "commercial landlords"),
    L ("permits and timelines", "renovation budgets", "hiring subcontractors"),
    L ("architect", "interior designer", "real estate agent", "business banker") },
  { "Home inspection", "home inspector", 2, STYLE_BRAND | STYLE_PLACE | STYLE_SURNAME, TRUE,
    L ("Home Inspector", "Certified Home Inspector", "Owner"),
    L ("Home Inspections", "Inspection Services", "Property Inspections"),
    L ("realtors who need a fast turnaround", "buyers under contract", "sellers who want a pre-listing inspection"),
    L ("homebuyers under contract", "realtors"),
    L ("the realtors who send them business", "roofers, plumbers and electricians", "buyers right before they close"),
    L ("what to fix before listing", "foundation issues", "older homes"),
    L ("real estate agent", "loan officer", "insurance agent", "general contractor") },
  { "Interior design", "interior designer", 3, STYLE_BRAND | STYLE_PERSONAL, TRUE,
    L ("Interior Designer", "Principal Designer", "Design Consultant", "Home Stager"),
    L ("Interiors", "Design Studio", "Design Co.", "Home Staging"),
    L ("homeowners building or remodeling", "realtors with listings to stage", "restaurants and offices planning a refresh", "builders with model homes"),
    L ("homeowners", "builders", "boutique hotels"),
    L ("contractors and architects", "furniture showrooms", "homeowners with renovation budgets"),
    L ("staging", "office design", "choosing paint colors"),
    L ("architect", "general contractor", "real estate agent", "photographer") },
  { "Healthcare", "physical therapist", 3, STYLE_BRAND | STYLE_PLACE | STYLE_SURNAME, FALSE,
    L ("Physical Therapist", "Chiropractor", "Nurse Practitioner", "Practice Manager", "Family Physician"),
    L ("Physical Therapy", "Chiropractic", "Family Medicine", "Sports Medicine", "Wellness Center"),
    L ("employers planning a wellness program", "runners and weekend athletes", "personal trainers with injured clients", "seniors who want to stay active"),
    L ("patients recovering from injuries", "families", "athletes"),
    L ("doctors and specialists", "personal trainers", "HR teams at local employers"),
    L ("workplace ergonomics", "staying healthy at a desk job", "choosing a health plan"),
    L ("personal trainer", "insurance agent", "dentist") },
  { "Dentistry", "dentist", 3, STYLE_BRAND | STYLE_PLACE | STYLE_SURNAME, FALSE,
    L ("Dentist", "Orthodontist", "Office Manager", "Practice Owner", "Pediatric Dentist"),
    L ("Dental", "Family Dentistry", "Orthodontics", "Smiles", "Dental Studio"),
    L ("families new to the area", "employers choosing a dental plan", "pediatricians and schools", "people who have put off the dentist for years"),
    L ("families", "patients of all ages", "kids and teens"),
    L ("hundreds of local families", "other dental specialists", "school parent groups"),
    L ("running a practice", "patient reviews", "hiring front-office staff"),
    L ("insurance agent", "marketing consultant", "accountant") },
  { "Fitness", "personal trainer", 3, STYLE_BRAND | STYLE_PLACE, TRUE,
    L ("Personal Trainer", "Studio Owner", "Yoga Instructor", "Nutrition Coach", "Strength Coach"),
    L ("Fitness", "Strength Studio", "Yoga", "Pilates", "Performance"),
    L ("busy professionals who want to get fit", "companies that want a wellness challenge", "physical therapists discharging patients", "new parents getting back in shape"),
    L ("busy professionals", "members in their forties and fifties", "local runners"),
    L ("a loyal community of members", "physical therapists and chiropractors", "dietitians"),
    L ("staying fit while traveling", "corporate wellness", "running a membership business"),
    L ("physical therapist", "photographer", "marketing consultant") },
  { "Hospitality", "caterer", 4, STYLE_BRAND | STYLE_PLACE, TRUE,
    L ("General Manager", "Director of Sales", "Catering Manager", "Sales Manager", "Owner"),
    L ("Hotel", "Inn", "Kitchen & Bar", "Catering", "Bistro"),
    L ("companies planning offsites", "wedding planners", "groups that need a meeting room", "event planners who need catering"),
    L ("business travelers", "wedding parties", "companies hosting events"),
    L ("event planners", "corporate travel managers", "caterers and florists"),
    L ("hosting a client event", "group rates", "choosing a caterer"),
    L ("event planner", "photographer", "print shop", "marketing consultant") },
  { "Event planning", "event planner", 3, STYLE_BRAND | STYLE_PERSONAL, TRUE,
    L ("Event Planner", "Wedding Planner", "Event Coordinator", "Owner", "Corporate Event Manager"),
    L ("Events", "Event Co.", "Celebrations", "Event Design"),
    L ("companies planning holiday parties", "engaged couples", "nonprofits planning a gala", "associations with an annual conference"),
    L ("corporate clients", "engaged couples", "nonprofits"),
    L ("venues, caterers and photographers", "corporate HR teams", "nonprofit development directors"),
    L ("client appreciation events", "event budgets", "choosing a venue"),
    L ("caterer", "photographer", "print shop") },
  { "Photography", "photographer", 3, STYLE_BRAND | STYLE_PERSONAL, TRUE,
    L ("Photographer", "Headshot Photographer", "Videographer", "Studio Owner", "Brand Photographer"),
    L ("Photography", "Photo Studio", "Portraits", "Visuals", "Photo + Film"),
    L ("professionals with outdated headshots", "companies that need team photos", "realtors who need listing photos", "engaged couples"),
    L ("professionals who need headshots", "realtors", "local brands"),
    L ("marketing agencies", "event planners and venues", "realtors"),
    L ("headshots", "brand photos", "short videos for social media"),
    L ("marketing consultant", "event planner", "real estate agent") },
  { "Recruiting", "recruiter", 3, STYLE_BRAND | STYLE_SURNAME, TRUE,
    L ("Recruiter", "Executive Recruiter", "Talent Acquisition Partner", "Staffing Manager", "Account Manager"),
    L ("Talent", "Staffing", "Search Partners", "Recruiting", "Talent Group"),
    L ("growing companies hiring their first managers", "employers with high turnover", "accountants ready for a new role", "startups hiring engineers"),
    L ("growing companies", "hiring managers", "job seekers"),
    L ("HR directors", "hiring managers at growing companies", "candidates who just moved to town"),
    L ("hiring", "writing job descriptions", "salary ranges"),
    L ("business coach", "accountant", "IT consultant") },
  { "Banking", "business banker", 4, STYLE_BRAND, FALSE,
    L ("Business Banker", "Branch Manager", "Relationship Manager", "Commercial Lender", "SBA Loan Officer"),
    L ("Community Bank", "Credit Union", "Bank & Trust", "National Bank"),
    L ("business owners who need a line of credit", "companies buying their building", "new businesses opening accounts", "entrepreneurs who need an SBA loan"),
    L ("small-business owners", "commercial property owners", "nonprofits"),
    L ("CPAs and attorneys", "business owners across town", "commercial real estate brokers"),
    L ("business lending", "SBA loans", "cash management"),
    L ("accountant", "attorney", "real estate agent", "insurance agent") },
  { "Logistics", "shipping partner", 2, STYLE_BRAND | STYLE_PLACE, TRUE,
    L ("Logistics Coordinator", "Operations Manager", "Account Executive", "Freight Broker", "Warehouse Manager"),
    L ("Logistics", "Freight", "Supply Chain", "Courier", "Distribution"),
    L ("online shops outgrowing their garage", "manufacturers shipping across the state", "retailers with seasonal peaks", "companies that need a same-day courier"),
    L ("online brands", "manufacturers", "retailers"),
    L ("manufacturers and distributors", "warehouse owners", "e-commerce founders"),
    L ("shipping costs", "fulfillment", "warehouse space"),
    L ("POS specialist", "accountant", "business banker") },
  { "Point-of-sale systems", "POS specialist", 2, STYLE_BRAND, TRUE,
    L ("Merchant Services Consultant", "POS Specialist", "Account Executive", "Territory Manager", "Payments Consultant"),
    L ("POS Systems", "Payments", "Merchant Services", "Payment Solutions"),
    L ("restaurants opening a second location", "shops still using an old cash register", "salons and spas", "food trucks"),
    L ("restaurants and cafés", "retail shops", "salons"),
    L ("restaurant owners", "retail shop owners", "food truck owners"),
    L ("card processing fees", "online ordering", "inventory software"),
    L ("accountant", "IT consultant", "marketing consultant") },
  { "Coaching", "business coach", 3, STYLE_PERSONAL | STYLE_BRAND, TRUE,
    L ("Business Coach", "Executive Coach", "Leadership Consultant", "Career Coach", "Sales Trainer"),
    L ("Coaching", "Leadership", "Consulting", "Growth Partners"),
    L ("owners stuck at the same revenue for years", "new managers", "sales teams missing their targets", "professionals changing careers"),
    L ("business owners", "executives", "sales teams"),
    L ("CEOs in their mastermind groups", "HR directors", "speakers' bureaus"),
    L ("goal setting", "delegating", "pricing services"),
    L ("recruiter", "accountant", "marketing consultant") },
  { "Nonprofit", "nonprofit director", 3, STYLE_BRAND, FALSE,
    L ("Executive Director", "Development Director", "Volunteer Coordinator", "Program Manager", "Board Chair"),
    L ("Community Foundation", "Youth Alliance", "Literacy Project", "Animal Rescue", "Family Services", "Arts Council"),
    L ("sponsors for the spring gala", "volunteers for Saturday mornings", "businesses that want to give back", "board members with finance experience"),
    L ("families across the county", "volunteers and donors", "local kids"),
    L ("donors and board members", "community leaders", "the local press"),
    L ("volunteering", "sponsorships", "joining a nonprofit board"),
    L ("event planner", "print shop", "accountant", "attorney") },
  { "Architecture", "architect", 2, STYLE_BRAND | STYLE_SURNAME | STYLE_PARTNERS, TRUE,
    L ("Architect", "Principal Architect", "Project Architect", "Designer", "Partner"),
    L ("Architects", "Architecture", "Design Studio", "Architecture + Interiors"),
    L ("businesses planning a new building", "homeowners planning a custom home", "developers", "schools and churches planning an expansion"),
    L ("homeowners building custom homes", "developers", "schools and churches"),
    L ("builders and engineers", "developers and landlords", "city planning staff"),
    L ("zoning", "office design", "working with a builder"),
    L ("general contractor", "interior designer", "real estate agent", "business banker") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (industries) == 25);

static const char *const brands[] = {
  "Summit",
  "Harbor",
  "Cedar",
  "Northstar",
  "Keystone",
  "Bluebonnet",
  "Ironwood",
  "Redwood",
  "Meridian",
  "Lakeside",
  "Granite",
  "Willow",
  "Copperleaf",
  "Beacon",
  "Evergreen",
  "Silverline",
  "Compass",
  "Pinnacle",
  "Horizon",
  "Brightpath",
  "Trailhead",
  "Riverbend",
  "Juniper",
  "Atlas",
  "True North",
  "Cornerstone",
  "Lighthouse",
  "Oak Hill",
  "Foxglove",
  "Sterling",
  "Live Oak",
  "Limestone",
  "Pecan Street",
  "Blue Heron",
  "Red Oak",
  "Mesa",
  "Sunrise",
  "Magnolia",
  "Clearwater",
  "Stonebridge",
  "Arrowhead",
  "Westbrook",
  "Fairview",
  "Highland",
  "Kestrel",
  "Sage",
  "Tandem",
  "Blueprint",
  "Wildflower",
  "Mockingbird",
};

/* Groups and their events */

/* The user of the sample sells managed IT to small offices; the groups
 * are the ones such a person would try, the realtors' association being
 * the wrong room: its audience shares no word with theirs. */
static const char *const profile_audience[] = {
  "small-business owners",
  "medical and dental practices",
  "law firms",
  "accounting firms",
  "nonprofits",
  NULL,
};

enum {
  GROUP_CHAMBER,
  GROUP_LEADS,
  GROUP_B2B,
  GROUP_ROTARY,
  GROUP_TECH,
  GROUP_REALTORS,
  GROUP_ALUMNI,
  GROUP_YOUNG_PROS,
  N_GROUPS
};

typedef struct
{
  const char *name;
  RapportGroupKind kind;
  const char *const *audience;
  gint64 dues_cents;
  const char *website;
  RapportVerdict verdict;
  const char *verdict_reason;
  gboolean archived;
  const char *notes;
} GroupInfo;

/* Websites are on the reserved .example domain. */
static const GroupInfo group_infos[N_GROUPS] = {
  [GROUP_CHAMBER] = { "Capital City Chamber of Commerce", RAPPORT_GROUP_CHAMBER,
                      L ("small-business owners", "local employers", "nonprofits"), 59500,
                      "https://capitalcitychamber.example", RAPPORT_VERDICT_KEEP,
                      "Worth it for the Women in Business lunch and the ribbon cuttings; skip the big mixers.", FALSE,
                      "On the ambassador committee: I greet new members at the mixers." },
  [GROUP_LEADS] = { "BNI Capital Connectors", RAPPORT_GROUP_LEADS_GROUP,
                    L ("small-business owners", "professional services firms"), 89900,
                    "https://capitalconnectors.example", RAPPORT_VERDICT_KEEP,
                    "Two solid referrals a quarter, and the one-to-ones pay off.", FALSE,
                    "Thursday breakfast at 7; I hold the IT seat." },
  [GROUP_B2B] = { "Hill Country B2B Exchange", RAPPORT_GROUP_B2B,
                  L ("business owners", "office managers", "professional services firms"), 30000,
                  "https://hillcountryb2b.example", RAPPORT_VERDICT_TRIAL,
                  "Much better since the speed one-to-ones started; decide after the spring.", FALSE, NULL },
  [GROUP_ROTARY] = { "Rotary Club of Austin Sunrise", RAPPORT_GROUP_SERVICE_CLUB,
                     L ("business owners", "community leaders", "nonprofits"), 42000,
                     "https://austinsunriserotary.example", RAPPORT_VERDICT_UNDECIDED, NULL, FALSE,
                     "Here to serve first; the business comes slowly." },
  [GROUP_TECH] = { "Austin Tech & Startups Meetup", RAPPORT_GROUP_MEETUP,
                   L ("startup founders", "software developers", "small-business owners"), 0, NULL,
                   RAPPORT_VERDICT_TRIAL, "Got big and salesy; two more visits, then decide.", FALSE, NULL },
  [GROUP_REALTORS] = { "Central Texas Association of Realtors", RAPPORT_GROUP_INDUSTRY_ASSOCIATION,
                       L ("realtors", "home buyers and sellers", "mortgage lenders", "property managers"), 0,
                       "https://centraltexasrealtors.example", RAPPORT_VERDICT_DROP,
                       "A room full of realtors: none of them need managed IT.", FALSE, NULL },
  [GROUP_ALUMNI] = { "Bluebonnet University Alumni Network", RAPPORT_GROUP_ALUMNI,
                     L ("alumni", "business owners", "executives"), 7500, NULL, RAPPORT_VERDICT_UNDECIDED, NULL,
                     FALSE, NULL },
  [GROUP_YOUNG_PROS] = { "Capital City Young Professionals", RAPPORT_GROUP_OTHER,
                         L ("young professionals", "job seekers", "small-business owners"), 5000, NULL,
                         RAPPORT_VERDICT_DROP, "Fun, but mostly job seekers by now; stopped going.", TRUE, NULL },
};

/* A kind of event the user goes to, again and again. */
enum {
  SERIES_LEADS,
  SERIES_MIXER,
  SERIES_RIBBON,
  SERIES_WOMEN_LUNCH,
  SERIES_COFFEE,
  SERIES_B2B,
  SERIES_ROTARY,
  SERIES_GOLF,
  SERIES_TECH,
  SERIES_REALTORS,
  SERIES_ALUMNI,
  SERIES_YOUNG_PROS,
  SERIES_CONFERENCE,
  SERIES_EXPO,
  SERIES_WORKSHOP,
  SERIES_OPEN_HOUSE,
  SERIES_GALA,
  SERIES_WEBINAR,
  N_SERIES
};

typedef struct
{
  int group; /* in group_infos, or -1 */
  RapportEventKind kind;
  const char *const *titles;    /* {business} and {topic} are filled in */
  const char *const *locations; /* NULL: at {business} */
  GDateWeekday weekday;         /* G_DATE_BAD_WEEKDAY: any weekday */
  int minutes;                  /* when it starts, local time */
  int duration;
  int travel[2]; /* there and back, from–to minutes */
  gint64 cost_cents;
  int room[2];  /* people in the room two years ago, and now */
  guint weight; /* events in a sample of about 300 */
  int days[2];  /* the first and the last, in days ago (negative ahead) */
  /* The quality the user finds (0–100): the first until change[0] days
   * ago, the second from change[1] on, a slope in between. */
  int quality[2];
  int change[2];
  int people[2]; /* people met at one, from–to */
} Series;

/* Going on over the whole two years and the weeks ahead. */
#define ALWAYS .days = { DAYS_BACK, -DAYS_AHEAD }

/* Groups differ on purpose: the leads group is good every week, the
 * realtors' lunch bad from the first visit, the B2B group got better
 * lately and the tech meetup worse as it grew. */
static const Series series_table[N_SERIES] = {
  [SERIES_LEADS] = {
      .group = GROUP_LEADS,
      .kind = RAPPORT_EVENT_BREAKFAST,
      .titles = L ("Weekly chapter meeting", "Weekly chapter meeting", "Weekly chapter meeting", "Visitor day", "Member spotlight breakfast"),
      .locations = L ("Juniper Café, Round Rock", "Harbor Hotel, North Austin"),
      .weekday = G_DATE_THURSDAY,
      .minutes = 7 * 60,
      .duration = 90,
      .travel = { 30, 45 },
      .cost_cents = 1800,
      .room = { 28, 34 },
      .weight = 85,
      ALWAYS,
      .quality = { 82, 82 },
      .people = { 2, 5 },
  },
  [SERIES_MIXER] = {
      .group = GROUP_CHAMBER,
      .kind = RAPPORT_EVENT_MIXER,
      .titles = L ("After-hours mixer", "Business after hours", "Networking mixer"),
      .locations = L ("Chamber offices, East 5th Street", "Riverbend Brewing Co.", "Lakeside Hotel ballroom"),
      .minutes = 17 * 60 + 30,
      .duration = 120,
      .travel = { 30, 50 },
      .room = { 90, 140 },
      .weight = 22,
      ALWAYS,
      .quality = { 50, 50 },
      .people = { 3, 7 },
  },
  [SERIES_RIBBON] = {
      .group = GROUP_CHAMBER,
      .kind = RAPPORT_EVENT_RIBBON_CUTTING,
      .titles = L ("Ribbon cutting: {business}"),
      .minutes = 11 * 60 + 30,
      .duration = 45,
      .travel = { 20, 60 },
      .room = { 20, 35 },
      .weight = 12,
      ALWAYS,
      .quality = { 46, 46 },
      .people = { 1, 3 },
  },
  [SERIES_WOMEN_LUNCH] = {
      .group = GROUP_CHAMBER,
      .kind = RAPPORT_EVENT_LUNCH,
      .titles = L ("Women in Business lunch"),
      .locations = L ("Lakeside Hotel ballroom", "Cedar Room, Meridian Club"),
      .weekday = G_DATE_WEDNESDAY,
      .minutes = 12 * 60,
      .duration = 90,
      .travel = { 30, 40 },
      .cost_cents = 3500,
      .room = { 60, 90 },
      .weight = 14,
      ALWAYS,
      .quality = { 76, 76 },
      .people = { 2, 5 },
  },
  [SERIES_COFFEE] = {
      .group = GROUP_CHAMBER,
      .kind = RAPPORT_EVENT_COFFEE_TALK,
      .titles = L ("Coffee talk: {topic}"),
      .locations = L ("Sunrise Coffee Roasters", "Chamber offices, East 5th Street"),
      .minutes = 8 * 60,
      .duration = 60,
      .travel = { 25, 40 },
      .room = { 12, 20 },
      .weight = 10,
      ALWAYS,
      .quality = { 62, 62 },
      .people = { 1, 3 },
  },
  [SERIES_B2B] = {
      .group = GROUP_B2B,
      .kind = RAPPORT_EVENT_LUNCH,
      .titles = L ("B2B lunch", "Speed one-to-ones", "B2B lunch & learn: {topic}"),
      .locations = L ("Granite Grill, Cedar Park", "Stonebridge Country Club"),
      .weekday = G_DATE_WEDNESDAY,
      .minutes = 11 * 60 + 30,
      .duration = 90,
      .travel = { 40, 60 },
      .cost_cents = 2500,
      .room = { 20, 35 },
      .weight = 40,
      ALWAYS,
      .quality = { 38, 80 },
      .change = { 100, 60 },
      .people = { 2, 5 },
  },
  [SERIES_ROTARY] = {
      .group = GROUP_ROTARY,
      .kind = RAPPORT_EVENT_BREAKFAST,
      .titles = L ("Weekly Rotary breakfast", "Rotary breakfast: guest speaker", "Club service project"),
      .locations = L ("Magnolia Hotel, downtown"),
      /* Not Tuesday: the huddles meet on Tuesday mornings. */
      .weekday = G_DATE_WEDNESDAY,
      .minutes = 7 * 60,
      .duration = 75,
      .travel = { 30, 40 },
      .cost_cents = 1800,
      .room = { 35, 45 },
      .weight = 45,
      ALWAYS,
      .quality = { 62, 62 },
      .people = { 1, 4 },
  },
  [SERIES_GOLF] = {
      .group = GROUP_ROTARY,
      .kind = RAPPORT_EVENT_OTHER,
      .titles = L ("Rotary charity golf classic"),
      .locations = L ("Highland Hills Golf Club"),
      .weekday = G_DATE_FRIDAY,
      .minutes = 8 * 60,
      .duration = 300,
      .travel = { 50, 70 },
      .cost_cents = 17500,
      .room = { 110, 140 },
      .weight = 2,
      ALWAYS,
      .quality = { 66, 66 },
      .people = { 3, 6 },
  },
  [SERIES_TECH] = {
      .group = GROUP_TECH,
      .kind = RAPPORT_EVENT_MIXER,
      .titles = L ("Tech & startups night", "Founders' demo night", "Startup pitch night"),
      .locations = L ("Tandem Coworking, East Austin", "Atlas Tech Hub"),
      .weekday = G_DATE_WEDNESDAY,
      .minutes = 18 * 60 + 30,
      .duration = 150,
      .travel = { 30, 45 },
      .room = { 60, 220 },
      .weight = 18,
      ALWAYS,
      .quality = { 80, 34 },
      .change = { 330, 120 },
      .people = { 2, 6 },
  },
  [SERIES_REALTORS] = {
      .group = GROUP_REALTORS,
      .kind = RAPPORT_EVENT_LUNCH,
      .titles = L ("Members' luncheon", "Market forecast luncheon"),
      .locations = L ("Riverbend Conference Center"),
      .weekday = G_DATE_THURSDAY,
      .minutes = 12 * 60,
      .duration = 90,
      .travel = { 35, 50 },
      .cost_cents = 4500,
      .room = { 160, 240 },
      .weight = 4,
      .days = { DAYS_BACK - 5, 610 },
      .quality = { 18, 18 },
      .people = { 3, 6 },
  },
  [SERIES_ALUMNI] = {
      .group = GROUP_ALUMNI,
      .kind = RAPPORT_EVENT_MIXER,
      .titles = L ("Alumni networking night"),
      .locations = L ("The Alumni Center, downtown", "Copperleaf Wine Bar"),
      .minutes = 18 * 60,
      .duration = 120,
      .travel = { 30, 45 },
      .cost_cents = 2000,
      .room = { 35, 60 },
      .weight = 10,
      ALWAYS,
      .quality = { 56, 56 },
      .people = { 2, 4 },
  },
  [SERIES_YOUNG_PROS] = {
      .group = GROUP_YOUNG_PROS,
      .kind = RAPPORT_EVENT_HAPPY_HOUR,
      .titles = L ("Young Professionals happy hour"),
      .locations = L ("Pecan Street Social", "Redwood Rooftop Bar"),
      .minutes = 17 * 60 + 30,
      .duration = 120,
      .travel = { 30, 40 },
      .cost_cents = 1000,
      .room = { 40, 70 },
      .weight = 8,
      .days = { DAYS_BACK, 380 },
      .quality = { 44, 44 },
      .people = { 2, 5 },
  },
  [SERIES_CONFERENCE] = {
      .group = -1,
      .kind = RAPPORT_EVENT_CONFERENCE,
      .titles = L ("Central Texas Small Business Conference"),
      .locations = L ("Meridian Convention Center, San Antonio"),
      .minutes = 9 * 60,
      .duration = 480,
      .travel = { 150, 180 },
      .cost_cents = 24900,
      .room = { 350, 500 },
      .weight = 2,
      ALWAYS,
      .quality = { 68, 68 },
      .people = { 3, 7 },
  },
  [SERIES_EXPO] = {
      .group = -1,
      .kind = RAPPORT_EVENT_TRADE_SHOW,
      .titles = L ("Regional Business Expo"),
      .locations = L ("Lakeside Expo Hall, Round Rock"),
      .minutes = 10 * 60,
      .duration = 360,
      .travel = { 40, 60 },
      .cost_cents = 1500,
      .room = { 900, 1400 },
      .weight = 2,
      ALWAYS,
      .quality = { 40, 40 },
      .people = { 3, 6 },
  },
  [SERIES_WORKSHOP] = {
      .group = -1,
      .kind = RAPPORT_EVENT_WORKSHOP,
      .titles = L ("LinkedIn for business owners", "Small-business cybersecurity workshop", "Pricing your services", "Getting the most out of a referral group"),
      .locations = L ("Public library, central branch", "Small Business Development Center"),
      .minutes = 12 * 60,
      .duration = 120,
      .travel = { 25, 40 },
      .room = { 15, 35 },
      .weight = 8,
      ALWAYS,
      .quality = { 58, 58 },
      .people = { 1, 3 },
  },
  [SERIES_OPEN_HOUSE] = {
      .group = -1,
      .kind = RAPPORT_EVENT_OPEN_HOUSE,
      .titles = L ("Open house at {business}", "Client open house: {business}"),
      .minutes = 16 * 60,
      .duration = 120,
      .travel = { 20, 60 },
      .room = { 30, 50 },
      .weight = 6,
      ALWAYS,
      .quality = { 64, 64 },
      .people = { 2, 4 },
  },
  [SERIES_GALA] = {
      .group = -1,
      .kind = RAPPORT_EVENT_OTHER,
      .titles = L ("Literacy Project spring gala", "Community Foundation gala", "Animal Rescue benefit dinner"),
      .locations = L ("Lakeside Hotel ballroom"),
      .weekday = G_DATE_FRIDAY,
      .minutes = 19 * 60,
      .duration = 240,
      .travel = { 30, 40 },
      .cost_cents = 15000,
      .room = { 220, 300 },
      .weight = 2,
      ALWAYS,
      .quality = { 52, 52 },
      .people = { 2, 5 },
  },
  [SERIES_WEBINAR] = {
      .group = -1,
      .kind = RAPPORT_EVENT_ONLINE,
      .titles = L ("Webinar: {topic}", "Online roundtable: {topic}"),
      .locations = L ("Online"),
      .minutes = 12 * 60,
      .duration = 60,
      .room = { 25, 80 },
      .weight = 8,
      ALWAYS,
      .quality = { 34, 34 },
      .people = { 0, 1 },
  },
};

#undef ALWAYS

static const char *const event_topics[] = {
  "cash flow",
  "hiring your first employee",
  "cybersecurity basics",
  "local marketing",
  "SBA loans",
  "succession planning",
  "AI tools for small offices",
  "getting paid on time",
};

static const char *const event_notes_good[] = {
  "Two solid introductions.",
  "Small room, real conversations.",
  "Left with three one-to-ones booked.",
  "Great speaker on cash flow.",
  "Met two practice managers who need help with their IT.",
};

static const char *const event_notes_fair[] = {
  "Good speaker; the networking part was rushed.",
  "Same faces as last month.",
  "Ran out of time to talk to the new members.",
  "Nice venue, hard to park.",
};

static const char *const event_notes_poor[] = {
  "Mostly vendors pitching vendors.",
  "Too loud to have a real conversation.",
  "Nobody from my audience.",
  "Left early.",
};

/* One line to remember a person met at an event by. */
static const char *const event_person_notes[] = {
  "Wants an intro to a good CPA.",
  "Their office Wi-Fi keeps dropping.",
  "Moving offices in the spring.",
  "Asked for my card for their office manager.",
  "Runs the visitor program.",
  "Knows the practice managers at two dental offices.",
  "Hiring; asked about laptops for new staff.",
  "Just opened a second location.",
  "Worried about phishing after a scare last month.",
};

/* Huddles */

/* A seat at a huddle's table: the service, who can take it, and what
 * they ask for, offer and close. Days are counted back from today. */
typedef struct
{
  const char *service;           /* as the roster shows it */
  const char *const *industries; /* whose people can take it, the best first */
  const char *const *titles;     /* a word their job title holds, or NULL for any */
  const char *offering;
  const char *const *asks;
  const char *const *offers;
  const char *const *needs;     /* why a prospect is referred to them */
  const char *const *prospects; /* the industries of their best prospects, or NULL for any */
  int value[2];                 /* business a referral to them closes, in dollars */
  int joined;                   /* days ago, or 0 for a founder */
  int left;                     /* days ago, or 0 for a member still */
  gboolean absent;              /* misses two meetings out of three */
} Seat;

#define MAX_SEATS 8

typedef struct
{
  const char *name;
  const char *industry;
  const char *const *audience;
  const char *place;
  const char *rrule;
  int weeks[2]; /* the Tuesdays of the month it meets on, as the rule says */
  const char *const *notes;
  Seat me;
  Seat seats[MAX_SEATS]; /* up to the first without a service */
} HuddleInfo;

/* Twice a month for an hour, the one on the first and third Tuesdays
 * (the default schedule), the other on the second and fourth, so that
 * the user is never due in both at once. The home buyers' huddle lacks
 * a mover and an interior designer and has two realtors; the owners'
 * huddle lost its payroll member in the summer. */
static const HuddleInfo huddle_infos[] = {
  {
      .name = "Hill Country Home Team",
      .industry = "Residential real estate",
      .audience = L ("home buyers", "families relocating to Austin"),
      .place = "Bluebonnet Bakery, Cedar Park",
      .rrule = "FREQ=MONTHLY;BYDAY=1TU,3TU",
      .weeks = { 1, 3 },
      .notes = L ("Planned a first-time buyer seminar at the library for the spring.",
                  "Agreed to hand every buyer the same closing checklist.",
                  "Went through the ledger: the inspector and the insurer get too few referrals.",
                  "A mover visited; invited them back next month.",
                  "Still no interior designer: each of us brings one to a meeting.",
                  "Everyone shares one buyer story next time.",
                  "Talked about the spring market and who needs what."),
      .me = {
          .service = "Home office IT",
          .offering = "Wi-Fi, backups and security for people who work from home",
          .asks = L ("Buyers who work from home", "Anyone moving a home office"),
          .offers = L ("A free Wi-Fi check for every new homeowner", "A home-office checklist for the closing folder"),
          .needs = L ("Works from home; needs reliable Wi-Fi and backups", "Moving a home office next month"),
          .value = { 400, 2500 },
      },
      .seats = {
          {
              .service = "Realtor",
              .industries = L ("Real estate"),
              .offering = "Buyers and sellers across North Austin",
              .asks = L ("Buyers relocating from out of state", "An introduction to HR at a big employer moving staff here"),
              .offers = L ("Two new listings in Cedar Park", "Open house on Saturday: bring your clients"),
              .needs = L ("Relocating from Denver in the spring", "Outgrew their starter home", "Wants to sell and downsize"),
              .value = { 4500, 15000 },
          },
          {
              .service = "Mortgage broker",
              .industries = L ("Mortgage lending"),
              .offering = "Pre-approval in a day, down-payment assistance",
              .asks = L ("Realtors who work with first-time buyers", "Self-employed buyers"),
              .offers = L ("A first-time buyer workshop at the library", "A rate update for everyone's clients"),
              .needs = L ("Wants pre-approval before house hunting", "Self-employed; needs a lender who understands that", "Refinancing before rates move"),
              .value = { 2000, 6000 },
          },
          {
              .service = "Home inspector",
              .industries = L ("Home inspection", "Construction"),
              .titles = L ("Inspector", "Owner", "General Contractor"),
              .offering = "Inspections within 48 hours, reports the same night",
              .asks = L ("Realtors who need a fast turnaround", "Sellers who want a pre-listing inspection"),
              .offers = L ("Two inspection slots a week held for the team", "A list of what to fix before listing"),
              .needs = L ("Under contract on a house from the seventies", "Wants a pre-listing inspection"),
              .value = { 400, 800 },
          },
          {
              .service = "Insurance agent",
              .industries = L ("Insurance"),
              .titles = L ("Agent", "Owner", "Account Manager"),
              .offering = "Home, auto and umbrella policies, bundled",
              .asks = L ("New homeowners", "Families with teenage drivers"),
              .offers = L ("Quotes within a day for anyone under contract", "A flood-zone check for any address"),
              .needs = L ("Closing next month; needs homeowners insurance", "Wants to bundle home and auto"),
              .value = { 900, 3500 },
          },
          {
              .service = "Real-estate attorney",
              .industries = L ("Law"),
              .titles = L ("Attorney", "Partner"),
              .offering = "Closings, title problems and contracts",
              .asks = L ("Buyers of new construction", "Landlords with leases to review"),
              .offers = L ("A free contract review for the team's clients this month"),
              .needs = L ("A title problem on an inherited house", "Wants the builder's contract reviewed"),
              .value = { 1200, 4500 },
              .absent = TRUE,
          },
          {
              .service = "Contractor",
              .industries = L ("Construction"),
              .titles = L ("Contractor", "Owner", "Project Manager"),
              .offering = "Fixes what the inspection finds, before closing",
              .asks = L ("Buyers planning a remodel", "Investors flipping houses"),
              .offers = L ("Can start small repairs within a week"),
              .needs = L ("Wants the kitchen redone before moving in", "Repairs due before closing"),
              .value = { 5000, 40000 },
          },
          /* Joined in the summer, and competes with the first realtor. */
          {
              .service = "Realtor",
              .industries = L ("Real estate"),
              .offering = "Relocations and first-time buyers",
              .asks = L ("Families relocating with a big employer", "First-time buyers"),
              .offers = L ("A relocation guide to the suburbs", "Two buyers looking in Round Rock"),
              .needs = L ("Relocating with their employer in the summer", "First-time buyers, pre-approved"),
              .value = { 4500, 12000 },
              .joined = 150,
          },
      },
  },
  {
      .name = "Capital City Business Circle",
      .industry = "Professional services",
      .audience = L ("small-business owners", "professional practices"),
      .place = "Limestone Café, downtown",
      .rrule = "FREQ=MONTHLY;BYDAY=2TU,4TU",
      .weeks = { 2, 4 },
      .notes = L ("Planned a lunch-and-learn on cyber insurance and backups.", "Reviewed the ledger: the bank and the CPA trade the most referrals.", "Agreed on a one-page flyer of the circle for our clients.", "Year-end planning: who needs what from whom before December.", "A web designer visited; a good fit for the open seat.", "Each of us invites one guest: we still need a commercial realtor."),
      .me = {
          .service = "IT support",
          .offering = "Managed IT, backups and cybersecurity for small offices",
          .asks = L ("Medical and dental practices", "Law and accounting firms with ten to fifty computers"),
          .offers = L ("A free security check for anyone's clients", "A lunch-and-learn on phishing"),
          .needs = L ("Their server is eight years old", "Had a ransomware scare last month", "Moving offices and needs the network set up"),
          .prospects = L ("Dentistry", "Healthcare", "Law", "Accounting", "Nonprofit"),
          .value = { 6000, 24000 },
      },
      .seats = {
          {
              .service = "Accountant",
              .industries = L ("Accounting"),
              .titles = L ("CPA", "Partner", "CFO", "Tax"),
              .offering = "Bookkeeping, tax and a fractional CFO",
              .asks = L ("Businesses outgrowing their bookkeeper", "Owners getting ready to sell"),
              .offers = L ("Year-end tax planning for anyone's clients"),
              .needs = L ("Outgrew their bookkeeper", "Needs a CFO for a bank loan"),
              .value = { 2500, 12000 },
          },
          {
              .service = "Business attorney",
              .industries = L ("Law"),
              .titles = L ("Attorney", "Partner"),
              .offering = "Formation, contracts and trademarks",
              .asks = L ("Founders forming a company", "Owners with a partner dispute"),
              .offers = L ("A free contract review for anyone's clients"),
              .needs = L ("Forming an LLC with a partner", "Needs their client contracts reviewed"),
              .value = { 1500, 8000 },
          },
          {
              .service = "Banker",
              .industries = L ("Banking"),
              .offering = "Lines of credit, SBA loans and treasury",
              .asks = L ("Owners buying their building", "Companies that need a line of credit"),
              .offers = L ("An SBA loan workshop in March"),
              .needs = L ("Buying their building", "Needs a line of credit for a second location"),
              .value = { 3000, 20000 },
          },
          {
              .service = "Insurance agent",
              .industries = L ("Insurance"),
              .offering = "Liability, cyber and key-person cover",
              .asks = L ("Contractors who need liability coverage", "Companies with a renewal coming up"),
              .offers = L ("A cyber insurance review for anyone's clients"),
              .needs = L ("Renewal coming up in March", "Needs cyber cover after a scare"),
              .value = { 1500, 9000 },
          },
          {
              .service = "Marketing",
              .industries = L ("Marketing"),
              .offering = "Websites, Google reviews and LinkedIn content",
              .asks = L ("Businesses launching a new brand", "Firms with a tired website"),
              .offers = L ("A free review audit"),
              .needs = L ("Launching a new brand", "Their website is ten years old"),
              .value = { 3000, 15000 },
          },
          /* Left a few months ago, after a good start. */
          {
              .service = "Payroll and HR",
              .industries = L ("Recruiting"),
              .offering = "Hiring, payroll and HR for teams of five to fifty",
              .asks = L ("Companies hiring their first manager"),
              .offers = L ("A salary survey for the circle"),
              .needs = L ("Hiring their first office manager", "Payroll takes the owner a day a month"),
              .value = { 2000, 9000 },
              .left = 100,
          },
      },
  },
};

/* A contact the user passes a referral to outside any huddle. */
static const Seat contact_seat = {
  .needs = L ("Asked me who I would trust for this", "Met them at a client's office"),
  .value = { 1000, 8000 },
};

static const char *const step_notes_contacted[] = {
  "Emailed an introduction.",
  "Left a voicemail, then a good call.",
  "Met for coffee.",
};

static const char *const step_notes_meeting[] = {
  "First meeting went well.",
  "Walked them through a proposal.",
};

static const char *const step_notes_won[] = {
  "Signed a one-year contract.",
  "Closed; sent a thank-you card.",
  "Great fit; they signed this week.",
};

static const char *const step_notes_lost[] = {
  "Went with someone else.",
  "Decided to wait until next year.",
  "The budget went elsewhere.",
};

/* Where people meet. */

typedef struct
{
  const char *what;
  const char *tag; /* the group it belongs to, if any */
  int minutes;     /* when it starts, local time */
  guint weight;
  int series; /* the events it is one of */
} Occasion;

static const Occasion occasions[] = {
  { "the chamber after-hours mixer", "chamber", 17 * 60 + 30, 14, SERIES_MIXER },
  { "a BNI visitor day", "bni", 7 * 60, 8, SERIES_LEADS },
  { "a ribbon cutting downtown", "chamber", 11 * 60 + 30, 5, SERIES_RIBBON },
  { "the Women in Business lunch", "chamber", 12 * 60, 5, SERIES_WOMEN_LUNCH },
  { "a Rotary breakfast", "rotary", 7 * 60 + 30, 5, SERIES_ROTARY },
  { "a charity golf tournament", "golf", 9 * 60, 4, SERIES_GOLF },
  { "the alumni networking night", "alumni", 18 * 60, 4, SERIES_ALUMNI },
  { "the Young Professionals happy hour", "young-professionals", 17 * 60 + 30, 5, SERIES_YOUNG_PROS },
  { "the regional business expo", "conference", 10 * 60, 5, SERIES_EXPO },
  { "the small-business conference", "conference", 9 * 60, 4, SERIES_CONFERENCE },
  { "a coffee talk", NULL, 8 * 60, 6, SERIES_COFFEE },
  { "a LinkedIn workshop", NULL, 12 * 60, 3, SERIES_WORKSHOP },
  { "a client's open house", NULL, 16 * 60, 3, SERIES_OPEN_HOUSE },
  { "a nonprofit gala", "volunteer", 19 * 60, 3, SERIES_GALA },
  { "the B2B lunch", NULL, 11 * 60 + 30, 4, SERIES_B2B },
  { "the tech meetup", "tech", 18 * 60 + 30, 3, SERIES_TECH },
  { "the realtors' luncheon", NULL, 12 * 60, 1, SERIES_REALTORS },
  { "an online roundtable", NULL, 12 * 60, 1, SERIES_WEBINAR },
};

typedef struct
{
  const char *tag;
  guint weight;
} Tag;

static const Tag tags[] = {
  { "chamber", 20 },
  { "bni", 12 },
  { "rotary", 6 },
  { "golf", 8 },
  { "alumni", 8 },
  { "speaker", 5 },
  { "board", 4 },
  { "volunteer", 8 },
  { "vip", 3 },
  { "young-professionals", 5 },
  { "conference", 6 },
  { "podcast", 3 },
};

static const char *const groups[] = {
  "the chamber",
  "BNI",
  "Rotary",
  "the Young Professionals",
  "the alumni association",
  "the downtown business association",
  "the Women in Business lunch",
};

/* Sentences: {key} is replaced, see expand(). */

static const char *const help_them_templates[] = {
  "Looking for {need}.",
  "Ideal referral: {need}.",
  "Wants to meet {need}; I know a few through {group}.",
  "Could use introductions to {need}.",
  "Introduce them to {need}.",
  "Asked me to keep an eye out for {need}.",
  "Needs {a-partner} they can trust; I know a good one.",
  "Looking for {a-partner} to refer their clients to.",
};

static const char *const help_them_extras[] = {
  "Share their posts on LinkedIn.",
  "Invite them to speak at {group}.",
  "Would love a Google review.",
  "Bring them as a guest to {group}.",
  "Send them the next event invite.",
  "Mention them to {person}.",
};

static const char *const help_me_templates[] = {
  "Works with {clients} every week — a natural referral source.",
  "Can introduce me to {connection}.",
  "Happy to advise on {topic}.",
  "Knows everyone at {group}; offered to bring me as a guest.",
  "Offered to introduce me to {connection}.",
  "Serves {clients} — the very people I want to reach.",
  "Gave me great advice on {topic}.",
};

static const char *const help_me_extras[] = {
  "Sends a referral every couple of months.",
  "Good sounding board.",
  "Wants to co-host a workshop.",
  "Their newsletter reaches a few thousand local owners.",
};

static const char *const personal_notes[] = {
  "Coaches youth soccer on weekends.",
  "Training for a marathon.",
  "Just opened a second location.",
  "Celebrating ten years in business this year.",
  "Hiring two people this quarter.",
  "Speaks Spanish and Portuguese.",
  "Grew up in {city}.",
  "Big barbecue fan — ask for recommendations.",
  "Prefers text over email.",
  "Best reached before 9 a.m.",
  "New baby at home; keep meetings short.",
  "Writes a great monthly newsletter.",
  "Moving the office in the spring.",
  "Plays in a Tuesday golf league.",
  "Two rescue greyhounds.",
  "On the chamber's ambassador committee.",
  "Volunteers at the food bank on Saturdays.",
  "Just back from a trip to Portugal.",
  "Collects vinyl records.",
  "Serious about coffee.",
  "Thinking about retiring in a few years.",
  "Daughter starts college in the fall.",
  "Ran for city council once.",
  "Their business partner is {person}.",
};

static const char *const met_notes[] = {
  "Met at {occasion}.",
  "Met at {occasion}; good conversation.",
  "Sat next to each other at {occasion}.",
  "Met at {occasion}; long talk about {topic}.",
};

static const char *const intro_notes[] = {
  "Intro from {introducer} over coffee.",
  "{introducer} says they're the best in town.",
  "{introducer} made the introduction by email.",
};

static const char *const kind_notes_call[] = {
  "Quick call about {topic}.",
  "Left a voicemail.",
  "Caught up on referrals.",
  "Talked through a joint workshop.",
  "Returned their call.",
  "Called to say thanks for the intro.",
};
static const char *const kind_notes_email[] = {
  "Sent the intro email.",
  "Shared the slides from the workshop.",
  "Thanked them for the referral.",
  "Forwarded an article on {topic}.",
  "Replied about next month's event.",
  "Sent my calendar link.",
};
static const char *const kind_notes_one_to_one[] = {
  "Swapped ideal-client profiles.",
  "Talked about co-hosting a workshop.",
  "Walked through each other's referral lists.",
  "They want more {need}.",
  "Swapped three introductions each.",
  "Mostly about {topic}.",
};
static const char *const kind_notes_meeting[] = {
  "Reviewed the proposal.",
  "Kickoff meeting.",
  "Quarterly review.",
  "Walked through the numbers.",
  "Met the rest of their team.",
  "Signed the agreement.",
};
static const char *const kind_notes_note[] = {
  "Moved to a new office.",
  "Posted a job opening — know anyone?",
  "Won a chamber award this month.",
  "Featured in the business journal.",
  "Saw their talk on {topic}; very good.",
  "Heard they're expanding.",
};

static const char *const done_followup_notes[] = {
  "Thank-you email and LinkedIn invite.",
  "Sent my card.",
  "Sent the article we talked about.",
  "Invited them to a one-to-one.",
  "Connected on LinkedIn.",
};

static const char *const pending_followup_notes[] = {
  "Send the proposal",
  "Book a one-to-one",
  "Introduce to {person}",
  "Send the article on {topic}",
  "Invite to the next chamber mixer",
  "Thank for the referral",
  "Check in about the referral I sent",
  "Confirm lunch next week",
  "Ask how the launch went",
  "Send a thank-you note",
  "Follow up on the quote",
  "Share the slides from the workshop",
};

/* The generator */

typedef struct
{
  gint64 id;
  const char *given;
  guint8 industry;
  guint8 occasion;
  gint16 first_day;
  gint16 minutes;
  guint8 title; /* in their industry's titles */
  guint8 relationship;
  gboolean archived;
  int event;      /* the Plan where they were first met, or -1 */
  gint64 last_at; /* their latest timeline entry, 0 for none */
} Person;

typedef struct
{
  char iso[11];
  gint64 noon; /* local noon, in seconds since the epoch */
  GDateWeekday weekday;
  guint first_plan; /* the day's events, in Sampler.plans */
  guint n_plans;
} Day;

/* An event of the calendar, before and after it is written. */
typedef struct
{
  gint64 id;
  gint64 starts_at;
  gint16 day;
  gint16 minutes;
  guint8 series;
  gint8 quality;      /* what the user found, 0–100 */
  guint16 n_people;   /* met there so far */
  guint8 want_people; /* met there in the end */
} Plan;

typedef struct
{
  RapportStore *store;
  GRand *rand;
  int max_year; /* "in industry since" may not pass it */
  Day days[DAYS_AHEAD + DAYS_BACK + 1];
  GArray *people;                  /* Person, in the order written */
  GArray *connectors;              /* indices into people of those who make introductions */
  GStringChunk *names;             /* the given names that Person points to */
  guint pending_left[3];           /* overdue, today, upcoming: still to hand out */
  guint n_lapsed;                  /* contacts not kept up with */
  GArray *plans;                   /* Plan, in the order they start */
  GArray *regulars[N_SERIES];      /* indices into people, by where they were met */
  guint series_occasion[N_SERIES]; /* the occasion for an event of a series */
  gint64 group_ids[N_GROUPS];
  /* The rows written, for the outbox: ids run without gaps inside the
   * transaction, since nobody else writes meanwhile. */
  gint64 contacts[2];
  gint64 interactions[2];
  gint64 followups[2];
  gint64 groups[2];
  gint64 events[2];
  gint64 event_people[2];
  gint64 huddles[2];
  gint64 huddle_members[2];
  gint64 meetings[2];
  gint64 attendance[2];
  gint64 referrals[2];
  gint64 referral_steps[2];
  /* The contacts who sit in a huddle, so that none sits in two and none
   * is a prospect referred there. */
  gint64 seated[G_N_ELEMENTS (huddle_infos) * MAX_SEATS];
  guint n_seated;
} Sampler;

/* What a sentence may refer to. */
typedef struct
{
  const Industry *industry;
  const char *city;
  const Occasion *occasion;
  const char *introducer;
} Context;

typedef struct
{
  gint64 at;
  RapportInteractionKind kind;
  char *note;
} Entry;

static void
remember_id (gint64 range[2],
             gint64 id)
{
  if (range[0] == 0)
    range[0] = id;
  range[1] = id;
}

static const Day *
day_at (Sampler *s,
        int days_ago)
{
  g_assert (days_ago >= -DAYS_AHEAD && days_ago <= DAYS_BACK);
  return &s->days[days_ago + DAYS_AHEAD];
}

static gboolean
chance (Sampler *s,
        double p)
{
  return g_rand_double (s->rand) < p;
}

/* Inclusive at both ends. */
static int
between (Sampler *s,
         int lo,
         int hi)
{
  return hi <= lo ? lo : g_rand_int_range (s->rand, lo, hi + 1);
}

static guint
pick_index (Sampler *s,
            const char *const *list)
{
  guint n = g_strv_length ((char **) list);

  return g_rand_int_range (s->rand, 0, n);
}

static const char *
pick (Sampler *s,
      const char *const *list)
{
  return list[pick_index (s, list)];
}

#define PICK_ARRAY(s, array) ((array)[g_rand_int_range ((s)->rand, 0, G_N_ELEMENTS (array))])

/* Picks an element of a table whose rows have a guint weight member. */
static guint
pick_weighted_impl (Sampler *s,
                    const guint *first_weight,
                    gsize stride,
                    guint n)
{
  guint total = 0;
  guint r;

  for (guint i = 0; i < n; i++)
    total += *(const guint *) ((const char *) first_weight + i * stride);
  r = g_rand_int_range (s->rand, 0, total);
  for (guint i = 0; i < n; i++)
    {
      guint w = *(const guint *) ((const char *) first_weight + i * stride);

      if (r < w)
        return i;
      r -= w;
    }
  return n - 1;
}

#define PICK_WEIGHTED(s, table) \
  pick_weighted_impl ((s), &(table)[0].weight, sizeof (table)[0], G_N_ELEMENTS (table))

static const Person *
random_person (Sampler *s)
{
  if (s->people->len == 0)
    return NULL;
  return &g_array_index (s->people, Person, g_rand_int_range (s->rand, 0, s->people->len));
}

static void
append_capitalized (GString *out,
                    const char *text,
                    gboolean capitalize)
{
  if (capitalize && g_ascii_islower (*text))
    {
      g_string_append_c (out, g_ascii_toupper (*text));
      text++;
    }
  g_string_append (out, text);
}

/* Appends @tmpl with each {key} filled from @ctx; a key that opens the
 * sentence gets a capital. */
static void
expand (Sampler *s,
        GString *out,
        const char *tmpl,
        const Context *ctx)
{
  const char *p = tmpl;

  while (*p)
    {
      const char *open = strchr (p, '{');
      const char *close;
      g_autofree char *key = NULL;
      const char *fill = NULL;
      g_autofree char *owned = NULL;
      gboolean capitalize;

      if (open == NULL)
        {
          g_string_append (out, p);
          return;
        }
      close = strchr (open, '}');
      g_assert (close != NULL);
      g_string_append_len (out, p, open - p);
      capitalize = out->len == 0 || (out->len >= 2 && out->str[out->len - 2] == '.');
      key = g_strndup (open + 1, close - open - 1);

      if (g_str_equal (key, "need"))
        fill = pick (s, ctx->industry->needs);
      else if (g_str_equal (key, "clients"))
        fill = pick (s, ctx->industry->clients);
      else if (g_str_equal (key, "connection"))
        fill = pick (s, ctx->industry->connections);
      else if (g_str_equal (key, "topic"))
        fill = pick (s, ctx->industry->topics);
      else if (g_str_equal (key, "group"))
        fill = PICK_ARRAY (s, groups);
      else if (g_str_equal (key, "city"))
        fill = ctx->city;
      else if (g_str_equal (key, "occasion"))
        fill = ctx->occasion->what;
      else if (g_str_equal (key, "introducer"))
        fill = ctx->introducer;
      else if (g_str_equal (key, "a-partner"))
        {
          const char *partner = pick (s, ctx->industry->partners);

          owned = g_strconcat (strchr ("aeiouAEIOU", partner[0]) ? "an " : "a ", partner, NULL);
        }
      else if (g_str_equal (key, "person"))
        {
          const Person *other = random_person (s);

          if (other != NULL)
            owned = g_strdup_printf ("%s (%s)", other->given, industries[other->industry].professional);
          else
            fill = "a friend";
        }
      else
        g_assert_not_reached ();

      append_capitalized (out, owned ? owned : fill, capitalize);
      p = close + 1;
    }
}

/* Folds a name to the letters and digits an address may hold. */
static void
append_ascii (GString *out,
              const char *text,
              gboolean initial_only)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");

  for (const char *p = ascii; *p; p++)
    if (g_ascii_isalnum (*p))
      {
        g_string_append_c (out, g_ascii_tolower (*p));
        if (initial_only)
          return;
      }
}

typedef struct
{
  char *given;
  char *family;
  char *display;
  char *given_latin; /* as used for email and business */
  char *family_latin;
} Name;

static void
name_clear (Name *name)
{
  g_free (name->given);
  g_free (name->family);
  g_free (name->display);
  g_free (name->given_latin);
  g_free (name->family_latin);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Name, name_clear)

static void
make_name (Sampler *s,
           Name *name)
{
  if (chance (s, 0.03))
    {
      const ScriptName *sn = &PICK_ARRAY (s, script_names);

      name->given = g_strdup (sn->given);
      name->family = g_strdup (sn->family);
      name->display = sn->family_first ? g_strconcat (sn->family, sn->given, NULL)
                                       : g_strconcat (sn->given, " ", sn->family, NULL);
      name->given_latin = g_strdup (sn->given_latin);
      name->family_latin = g_strdup (sn->family_latin);
    }
  else
    {
      const Culture *culture = &cultures[PICK_WEIGHTED (s, cultures)];
      gboolean female = chance (s, 0.5);
      /* Families mix: some carry a name from another culture, most often
       * an English or a Spanish one. */
      const char *family = pick (s, chance (s, 0.04) ? cultures[between (s, 0, 1)].family
                                                     : culture->family);
      const char *bar = strchr (family, '|');

      name->given = g_strdup (pick (s, female ? culture->female : culture->male));
      if (bar == NULL)
        name->family = g_strdup (family);
      else if (female)
        name->family = g_strdup (bar + 1);
      else
        name->family = g_strndup (family, bar - family);
      name->display = g_strconcat (name->given, " ", name->family, NULL);
      name->given_latin = g_strdup (name->given);
      name->family_latin = g_strdup (name->family);
    }
}

static char *
make_company (Sampler *s,
              const Industry *industry,
              const Name *name,
              const char *city)
{
  const char *word = pick (s, industry->company_words);
  guint style;
  char *company;

  do
    style = 1u << g_rand_int_range (s->rand, 0, 5);
  while ((industry->styles & style) == 0);

  /* "Desai & Walsh Tax & Advisory" has one ampersand too many. */
  while (style == STYLE_PARTNERS && strchr (word, '&') != NULL)
    word = pick (s, industry->company_words);

  switch (style)
    {
    case STYLE_PLACE:
      company = g_strconcat (city, " ", word, NULL);
      break;
    case STYLE_SURNAME:
      {
        Name other = { 0 };

        make_name (s, &other);
        company = g_strconcat (other.family_latin, " ", word, NULL);
        name_clear (&other);
      }
      break;
    case STYLE_PARTNERS:
      {
        Name a = { 0 }, b = { 0 };

        make_name (s, &a);
        make_name (s, &b);
        company = g_strconcat (a.family_latin, " & ", b.family_latin, " ", word, NULL);
        name_clear (&a);
        name_clear (&b);
      }
      break;
    case STYLE_PERSONAL:
      company = g_strconcat (name->given_latin, " ", name->family_latin, " ", word, NULL);
      break;
    case STYLE_BRAND:
    default:
      company = g_strconcat (PICK_ARRAY (s, brands), " ", word, NULL);
      break;
    }

  if (industry->incorporated && style != STYLE_PARTNERS && chance (s, 0.12))
    {
      char *with_suffix = g_strconcat (company, chance (s, 0.6) ? " LLC" : " Inc.", NULL);

      g_free (company);
      company = with_suffix;
    }
  return company;
}

static char *
company_domain (const char *company)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) words = g_strsplit (company, " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_equal (words[i], "LLC") || g_str_equal (words[i], "Inc."))
        continue;
      append_ascii (out, words[i], FALSE);
    }
  g_string_append (out, ".com");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Fictional numbers: 555-0100 to 555-0199 are never assigned. */
static char *
make_phone (Sampler *s,
            const City *city)
{
  const char *area = chance (s, 0.12) ? pick (s, PICK_ARRAY (s, cities).area_codes)
                                      : pick (s, city->area_codes);

  return g_strdup_printf ("(%s) 555-01%02d", area, between (s, 0, 99));
}

static void
add_emails (Sampler *s,
            RapportContact *contact,
            const Name *name,
            const char *domain)
{
  gboolean work = domain != NULL && chance (s, 0.85);
  gboolean personal = !work || chance (s, 0.3);

  if (work)
    {
      g_autoptr(GString) address = g_string_new (NULL);

      switch (g_rand_int_range (s->rand, 0, 4))
        {
        case 0:
          append_ascii (address, name->given_latin, FALSE);
          g_string_append_c (address, '.');
          append_ascii (address, name->family_latin, FALSE);
          break;
        case 1:
          append_ascii (address, name->given_latin, TRUE);
          append_ascii (address, name->family_latin, FALSE);
          break;
        case 2:
          append_ascii (address, name->given_latin, FALSE);
          break;
        default:
          append_ascii (address, name->given_latin, FALSE);
          append_ascii (address, name->family_latin, TRUE);
          break;
        }
      g_string_append_printf (address, "@%s", domain);
      rapport_contact_add_email (contact, "work", address->str);
    }
  if (personal)
    {
      g_autoptr(GString) address = g_string_new (NULL);
      /* Reserved domains: nobody real gets mail from the sample. */
      static const char *const providers[] = { "example.com", "example.net", "example.org" };

      append_ascii (address, name->given_latin, FALSE);
      if (chance (s, 0.5))
        g_string_append_c (address, '.');
      append_ascii (address, name->family_latin, FALSE);
      if (chance (s, 0.4))
        g_string_append_printf (address, "%d", between (s, 1, 99));
      g_string_append_printf (address, "@%s", PICK_ARRAY (s, providers));
      rapport_contact_add_email (contact, "personal", address->str);
    }
}

static RapportRelationship
pick_relationship (Sampler *s)
{
  static const struct
  {
    RapportRelationship value;
    guint weight;
  } weights[] = {
    { RAPPORT_RELATIONSHIP_UNKNOWN, 5 },
    { RAPPORT_RELATIONSHIP_PROSPECT, 36 },
    { RAPPORT_RELATIONSHIP_NOT_PROSPECT, 28 },
    { RAPPORT_RELATIONSHIP_CLIENT, 11 },
    { RAPPORT_RELATIONSHIP_REFERRAL_PARTNER, 10 },
    { RAPPORT_RELATIONSHIP_FRIEND, 7 },
    { RAPPORT_RELATIONSHIP_MENTOR, 3 },
  };

  return weights[PICK_WEIGHTED (s, weights)].value;
}

static gboolean
is_close (RapportRelationship relationship)
{
  return relationship == RAPPORT_RELATIONSHIP_CLIENT ||
         relationship == RAPPORT_RELATIONSHIP_REFERRAL_PARTNER ||
         relationship == RAPPORT_RELATIONSHIP_FRIEND ||
         relationship == RAPPORT_RELATIONSHIP_MENTOR;
}

static int
pick_cadence (Sampler *s,
              RapportRelationship relationship)
{
  double r = g_rand_double (s->rand);

  if (relationship == RAPPORT_RELATIONSHIP_REFERRAL_PARTNER && chance (s, 0.85))
    return r < 0.5 ? 30 : r < 0.85 ? 60
                                   : 90;
  if (relationship == RAPPORT_RELATIONSHIP_CLIENT && chance (s, 0.8))
    return r < 0.1 ? 30 : r < 0.6 ? 60
                                  : 90;
  return 0;
}

/* Networking happens on weekdays. */
static int
weekday_of (Sampler *s,
            int days_ago)
{
  GDateWeekday wd = day_at (s, days_ago)->weekday;

  if (wd == G_DATE_SATURDAY)
    return days_ago + 1;
  if (wd == G_DATE_SUNDAY)
    return days_ago - 1 >= 1 ? days_ago - 1 : days_ago + 2;
  return days_ago;
}

/* The first weekday on or after @days_ago, or -1 if that is today or later. */
static int
next_weekday (Sampler *s,
              int days_ago)
{
  GDateWeekday wd = day_at (s, days_ago)->weekday;

  if (wd == G_DATE_SATURDAY)
    days_ago -= 2;
  else if (wd == G_DATE_SUNDAY)
    days_ago -= 1;
  return days_ago >= 1 ? days_ago : -1;
}

static gint64
time_on (Sampler *s,
         int days_ago,
         int minutes)
{
  return day_at (s, days_ago)->noon + (minutes - 12 * 60) * 60;
}

static char *
compose (Sampler *s,
         const char *tmpl,
         const Context *ctx)
{
  g_autoptr(GString) out = g_string_new (NULL);

  expand (s, out, tmpl, ctx);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
compose_two (Sampler *s,
             const char *first,
             const char *second,
             const Context *ctx)
{
  g_autoptr(GString) out = g_string_new (NULL);

  expand (s, out, first, ctx);
  if (second != NULL)
    {
      g_string_append_c (out, ' ');
      expand (s, out, second, ctx);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char *
note_template_for (Sampler *s,
                   RapportInteractionKind kind)
{
  switch (kind)
    {
    case RAPPORT_INTERACTION_CALL: return PICK_ARRAY (s, kind_notes_call);
    case RAPPORT_INTERACTION_EMAIL: return PICK_ARRAY (s, kind_notes_email);
    case RAPPORT_INTERACTION_ONE_TO_ONE: return PICK_ARRAY (s, kind_notes_one_to_one);
    case RAPPORT_INTERACTION_MEETING: return PICK_ARRAY (s, kind_notes_meeting);
    case RAPPORT_INTERACTION_NOTE: return PICK_ARRAY (s, kind_notes_note);
    case RAPPORT_INTERACTION_MET:
    case RAPPORT_INTERACTION_FOLLOW_UP:
    default: return NULL;
    }
}

static RapportInteractionKind
pick_kind (Sampler *s,
           RapportRelationship relationship)
{
  /* call, email, one-to-one, meeting, note, follow-up */
  static const guint table[][6] = {
    [RAPPORT_RELATIONSHIP_UNKNOWN] = { 0, 50, 0, 0, 50, 0 },
    [RAPPORT_RELATIONSHIP_PROSPECT] = { 25, 35, 10, 5, 5, 20 },
    [RAPPORT_RELATIONSHIP_NOT_PROSPECT] = { 20, 40, 0, 0, 20, 20 },
    [RAPPORT_RELATIONSHIP_CLIENT] = { 25, 30, 5, 30, 10, 0 },
    [RAPPORT_RELATIONSHIP_REFERRAL_PARTNER] = { 20, 25, 35, 10, 10, 0 },
    [RAPPORT_RELATIONSHIP_FRIEND] = { 30, 10, 30, 0, 30, 0 },
    [RAPPORT_RELATIONSHIP_MENTOR] = { 30, 20, 40, 0, 10, 0 },
  };
  static const RapportInteractionKind kinds[] = {
    RAPPORT_INTERACTION_CALL,
    RAPPORT_INTERACTION_EMAIL,
    RAPPORT_INTERACTION_ONE_TO_ONE,
    RAPPORT_INTERACTION_MEETING,
    RAPPORT_INTERACTION_NOTE,
    RAPPORT_INTERACTION_FOLLOW_UP,
  };
  const guint *w = table[relationship];
  guint r = g_rand_int_range (s->rand, 0, 100);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      if (r < w[i])
        return kinds[i];
      r -= w[i];
    }
  return RAPPORT_INTERACTION_EMAIL;
}

/* How many entries follow the first meeting, beyond the first follow-up. */
static int
pick_extra_count (Sampler *s,
                  RapportRelationship relationship)
{
  switch (relationship)
    {
    case RAPPORT_RELATIONSHIP_PROSPECT: return between (s, 0, 3);
    case RAPPORT_RELATIONSHIP_NOT_PROSPECT: return between (s, 0, 1);
    case RAPPORT_RELATIONSHIP_CLIENT: return between (s, 2, 10);
    case RAPPORT_RELATIONSHIP_REFERRAL_PARTNER: return between (s, 3, 10);
    case RAPPORT_RELATIONSHIP_FRIEND: return between (s, 1, 8);
    case RAPPORT_RELATIONSHIP_MENTOR: return between (s, 1, 7);
    case RAPPORT_RELATIONSHIP_UNKNOWN:
    default: return between (s, 0, 1);
    }
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *x = a, *y = b;

  return (x->at > y->at) - (x->at < y->at);
}

/* Writes the contact's first meeting (at @event_id when not 0), the
 * follow-up done after it, and what happened since, oldest first, and
 * sets @last_at to the latest. Cadenced contacts are mostly kept up with;
 * about one in ten has lapsed and shows up as "keep in touch". */
static gboolean
write_timeline (Sampler *s,
                gint64 id,
                RapportRelationship relationship,
                int first_day,
                gboolean met,
                int met_minutes,
                int cadence,
                const Context *ctx,
                gint64 event_id,
                gint64 *last_at,
                GError **error)
{
  Entry entries[MAX_INTERACTIONS];
  guint n = 0;
  int extras;
  int recent_from = 1, recent_to = first_day - 1;
  gboolean ok = TRUE;

  if (met)
    {
      entries[n].at = time_on (s, first_day, met_minutes);
      entries[n].kind = RAPPORT_INTERACTION_MET;
      entries[n].note = chance (s, 0.15) ? compose (s, "At {occasion}.", ctx) : NULL;
      n++;

      /* The follow-up Rapport proposed for the next day, done on time or
       * a little late. */
      if (first_day >= 3 && relationship != RAPPORT_RELATIONSHIP_UNKNOWN &&
          chance (s, is_close (relationship) ? 0.8 : 0.55))
        {
          int due_day = first_day - 1;
          int late = chance (s, 0.7) ? 0 : between (s, 1, 3);
          int done_day = MAX (1, due_day - late);
          g_autofree char *note = chance (s, 0.6) ? g_strdup (PICK_ARRAY (s, done_followup_notes)) : NULL;
          gint64 followup;

          /* Done on the next working day when it fell on a weekend. */
          if (next_weekday (s, done_day) > 0)
            done_day = next_weekday (s, done_day);
          entries[n].at = time_on (s, done_day, between (s, 8 * 4, 18 * 4) * 15);
          entries[n].kind = RAPPORT_INTERACTION_FOLLOW_UP;
          entries[n].note = g_strdup (note);
          followup = rapport_store_insert_followup_row (s->store, id, day_at (s, due_day)->iso,
                                                        entries[n].at, note, error);
          if (followup == 0)
            ok = FALSE;
          remember_id (s->followups, followup);
          n++;
        }
    }

  /* Nobody hears from the same person every day: about one entry every
   * four days at most since the meeting. */
  extras = MIN (pick_extra_count (s, relationship), (int) (MAX_INTERACTIONS - n));
  extras = MIN (extras, (first_day - 1) / 4);
  if (cadence > 0)
    {
      /* Lapsed: nothing since the cadence ran out. A few at least, the
       * oldest that can be, so that the Follow-ups view always shows
       * what keeping in touch means. */
      if (chance (s, 0.1) || (s->n_lapsed < MIN_LAPSED && first_day > cadence + 1))
        {
          recent_from = cadence + 1;
          s->n_lapsed++;
        }
      else if (extras > 0 && first_day > 1)
        {
          int day = next_weekday (s, between (s, 1, MIN (cadence - 2, first_day - 1)));

          if (day > 0 && day < first_day)
            {
              entries[n].at = time_on (s, day, between (s, 8 * 4, 17 * 4) * 15);
              entries[n].kind = pick_kind (s, relationship);
              entries[n].note = NULL;
              n++;
            }
          extras--;
        }
    }

  for (int i = 0; i < extras && recent_from <= recent_to; i++)
    {
      int span = recent_to - recent_from + 1;
      /* Prospects are talked to soon after meeting, or not at all. */
      double u = g_rand_double (s->rand);
      double bias = is_close (relationship) ? u : u * u;
      int day = recent_to - (int) (bias * span);
      RapportInteractionKind kind = pick_kind (s, relationship);
      int minutes;

      /* Emails and notes happen any day; calls and meetings on weekdays,
       * one-to-ones over breakfast, coffee or lunch. */
      if (kind == RAPPORT_INTERACTION_EMAIL || kind == RAPPORT_INTERACTION_NOTE)
        minutes = between (s, 7 * 60, 21 * 60);
      else
        {
          static const int one_to_one_slots[] = { 7 * 60 + 30, 8 * 60, 8 * 60 + 30, 10 * 60, 12 * 60,
                                                  12 * 60 + 30, 15 * 60 };

          day = next_weekday (s, day);
          if (day <= 0 || day >= first_day)
            continue;
          if (kind == RAPPORT_INTERACTION_ONE_TO_ONE)
            minutes = PICK_ARRAY (s, one_to_one_slots);
          else
            minutes = between (s, 9 * 4, 17 * 4) * 15;
        }
      entries[n].at = time_on (s, day, minutes);
      entries[n].kind = kind;
      entries[n].note = NULL;
      n++;
    }

  qsort (entries, n, sizeof (Entry), compare_entries);
  /* No two entries at the same moment. */
  for (guint i = 1; i < n; i++)
    if (entries[i].at <= entries[i - 1].at)
      entries[i].at = entries[i - 1].at + 15 * 60;

  for (guint i = 0; i < n; i++)
    {
      if (entries[i].kind != RAPPORT_INTERACTION_MET && entries[i].kind != RAPPORT_INTERACTION_FOLLOW_UP &&
          chance (s, 0.35))
        {
          const char *tmpl = note_template_for (s, entries[i].kind);

          if (tmpl != NULL)
            entries[i].note = compose (s, tmpl, ctx);
        }
      if (ok)
        {
          gint64 interaction = rapport_store_insert_interaction_row (s->store, id, entries[i].kind,
                                                                     entries[i].at, entries[i].note, error);

          if (interaction == 0 ||
              (entries[i].kind == RAPPORT_INTERACTION_MET && event_id != 0 &&
               !rapport_store_set_interaction_event (s->store, interaction, event_id, error)))
            ok = FALSE;
          remember_id (s->interactions, interaction);
        }
      g_free (entries[i].note);
    }
  /* The keep-in-touch clock moves once, to the latest entry. */
  *last_at = n > 0 ? entries[n - 1].at : 0;
  if (ok && n > 0 && !rapport_store_touch_contact (s->store, id, entries[n - 1].at, error))
    ok = FALSE;
  return ok;
}

/* Hands out the pending follow-ups so that exactly the planned number of
 * each kind is written (selection sampling over the contacts left). */
static gboolean
write_pending (Sampler *s,
               gint64 id,
               guint contacts_left,
               int first_day,
               gboolean met,
               const Context *ctx,
               GError **error)
{
  /* Met yesterday: the follow-up Rapport proposed is due today; met the
   * day before: half the time it slipped. Those count against the plan. */
  int proposed = !met                                ? -1
                 : first_day == 1                    ? RAPPORT_FOLLOWUP_TODAY
                 : first_day == 2 && chance (s, 0.5) ? RAPPORT_FOLLOWUP_OVERDUE
                                                     : -1;

  for (guint section = 0; section < 3; section++)
    {
      int due_day;
      g_autofree char *note = NULL;
      gint64 followup;

      if ((int) section == proposed)
        {
          if (s->pending_left[section] > 0)
            s->pending_left[section]--;
          due_day = first_day - 1;
          followup = rapport_store_insert_followup_row (s->store, id, day_at (s, due_day)->iso, 0, NULL, error);
          if (followup == 0)
            return FALSE;
          remember_id (s->followups, followup);
          continue;
        }
      if (s->pending_left[section] == 0 ||
          (guint) g_rand_int_range (s->rand, 0, contacts_left) >= s->pending_left[section])
        continue;
      s->pending_left[section]--;

      switch (section)
        {
        case RAPPORT_FOLLOWUP_OVERDUE:
          due_day = between (s, 1, 21);
          due_day = MIN (due_day, first_day);
          break;
        case RAPPORT_FOLLOWUP_TODAY:
          due_day = 0;
          break;
        case RAPPORT_FOLLOWUP_UPCOMING:
        default:
          due_day = -between (s, 1, DAYS_AHEAD);
          break;
        }
      if (chance (s, 0.8))
        note = compose (s, PICK_ARRAY (s, pending_followup_notes), ctx);
      followup = rapport_store_insert_followup_row (s->store, id, day_at (s, due_day)->iso, 0, note, error);
      if (followup == 0)
        return FALSE;
      remember_id (s->followups, followup);
    }
  return TRUE;
}

/* The calendar */

/* How many events come with @n_contacts people: a few hundred for the
 * couple of hundred contacts of two years of networking, then one more
 * for every five more contacts, so that the 100,000 contacts of the
 * benchmarks come with about 20,000 events. */
static guint
events_for_contacts (guint n_contacts)
{
  return n_contacts / 5 + MIN (n_contacts, 250);
}

/* The days (days ago) from @hi down to @lo on which @series can fall: its
 * weekday, or any weekday. */
static GArray *
series_days (Sampler *s,
             const Series *series,
             int lo,
             int hi)
{
  GArray *days = g_array_new (FALSE, FALSE, sizeof (int));

  for (int day = hi; day >= lo; day--)
    {
      GDateWeekday weekday = day_at (s, day)->weekday;

      if (series->weekday != G_DATE_BAD_WEEKDAY ? weekday == series->weekday
                                                : weekday != G_DATE_SATURDAY && weekday != G_DATE_SUNDAY)
        g_array_append_val (days, day);
    }
  return days;
}

static int
quality_on (const Series *series,
            int day)
{
  if (day >= series->change[0])
    return series->quality[0];
  if (day <= series->change[1])
    return series->quality[1];
  return series->quality[1] + (series->quality[0] - series->quality[1]) * (day - series->change[1]) /
                                  (series->change[0] - series->change[1]);
}

static int
compare_plans (gconstpointer a,
               gconstpointer b)
{
  const Plan *x = a, *y = b;

  if (x->starts_at != y->starts_at)
    return (x->starts_at > y->starts_at) - (x->starts_at < y->starts_at);
  return (int) x->series - (int) y->series;
}

/* Spreads about @n_events over the series, each over the days it can
 * fall on, in the order they start, and indexes them by day. */
static void
plan_calendar (Sampler *s,
               guint n_events)
{
  guint total_weight = 0, weight_before = 0;

  for (guint k = 0; k < N_SERIES; k++)
    total_weight += series_table[k].weight;

  for (guint k = 0; k < N_SERIES; k++)
    {
      const Series *series = &series_table[k];
      int lo = MAX (series->days[1], -DAYS_AHEAD);
      int hi = MIN (series->days[0], DAYS_BACK);
      guint before = (guint) ((double) weight_before * n_events / total_weight + 0.5);
      guint count, per_day, extra;
      GArray *days;

      /* Cumulative rounding: the counts add up to @n_events exactly. */
      weight_before += series->weight;
      count = (guint) ((double) weight_before * n_events / total_weight + 0.5) - before;
      /* A few visits at least, enough to judge a group by. */
      if (n_events >= 100)
        count = MAX (count, MIN (series->weight, 3));
      days = series_days (s, series, lo, hi);
      if (days->len == 0)
        {
          g_array_unref (days);
          continue;
        }
      /* As many on each possible day, and the rest on days picked at
       * random (selection sampling): a weekly meeting the user mostly
       * goes to, never twice the same day unless the calendar is huge. */
      per_day = count / days->len;
      extra = count % days->len;
      for (guint i = 0; i < days->len; i++)
        {
          Plan plan = { 0 };
          guint here = per_day;

          if (extra > 0 && (guint) g_rand_int_range (s->rand, 0, days->len - i) < extra)
            {
              here++;
              extra--;
            }
          plan.day = g_array_index (days, int, i);
          plan.minutes = series->minutes;
          plan.series = k;
          plan.starts_at = time_on (s, plan.day, series->minutes);
          for (guint r = 0; r < here; r++)
            g_array_append_val (s->plans, plan);
        }
      g_array_unref (days);
    }
  /* Sorted before anything random is added, so that plans equal here stay
   * interchangeable and the order does not depend on the sort. */
  g_array_sort (s->plans, compare_plans);

  for (guint i = 0; i < s->plans->len; i++)
    {
      Plan *plan = &g_array_index (s->plans, Plan, i);
      const Series *series = &series_table[plan->series];
      Day *day = &s->days[plan->day + DAYS_AHEAD];
      double noise = (g_rand_double (s->rand) + g_rand_double (s->rand) - 1.0) * 16.0;

      plan->quality = CLAMP (quality_on (series, plan->day) + (int) noise, 0, 100);
      /* Nobody is met at an event still to come. */
      plan->want_people = plan->day >= 1 ? between (s, series->people[0], series->people[1]) : 0;
      if (day->n_plans++ == 0)
        day->first_plan = i;
    }
}

/* The event of @series (any for -1) closest to @day, up to @reach days
 * away, in the past and more recent than @before (all in days ago); -1 if
 * there is none. */
static int
find_plan (Sampler *s,
           int day,
           int series,
           int reach,
           int before)
{
  for (int away = 0; away <= reach; away++)
    for (int side = 0; side < (away ? 2 : 1); side++)
      {
        int d = side ? day - away : day + away;
        const Day *candidate;
        guint n_found = 0, pick_index;

        if (d < 1 || d > DAYS_BACK || d >= before)
          continue;
        candidate = day_at (s, d);
        for (guint i = 0; i < candidate->n_plans; i++)
          n_found += series < 0 || g_array_index (s->plans, Plan, candidate->first_plan + i).series == series;
        if (n_found == 0)
          continue;
        /* Several at once only in the benchmarks' huge calendars. */
        pick_index = n_found > 1 ? (guint) between (s, 0, n_found - 1) : 0;
        for (guint i = 0; i < candidate->n_plans; i++)
          if ((series < 0 || g_array_index (s->plans, Plan, candidate->first_plan + i).series == series) &&
              pick_index-- == 0)
            return candidate->first_plan + i;
      }
  return -1;
}

static gboolean
write_groups (Sampler *s,
              GError **error)
{
  for (guint i = 0; i < N_GROUPS; i++)
    {
      const GroupInfo *info = &group_infos[i];
      g_autoptr(RapportGroup) group = rapport_group_new (info->name);
      gint64 id;

      rapport_group_set_kind (group, info->kind);
      rapport_group_set_audience (group, info->audience);
      rapport_group_set_dues_cents (group, info->dues_cents);
      rapport_group_set_website (group, info->website);
      rapport_group_set_verdict (group, info->verdict);
      rapport_group_set_verdict_reason (group, info->verdict_reason);
      rapport_group_set_archived (group, info->archived);
      rapport_group_set_notes (group, info->notes);
      id = rapport_store_insert_group_row (s->store, group, error);
      if (id == 0)
        return FALSE;
      s->group_ids[i] = id;
      remember_id (s->groups, id);
    }
  return TRUE;
}

/* The scorecard of a past event: answers around the quality the user
 * found, "worth going again?" mostly following them. */
static void
score_event (Sampler *s,
             RapportEvent *event,
             const Plan *plan)
{
  int answers[RAPPORT_N_SCORE_QUESTIONS];
  double mean = 1.0 + 4.0 * plan->quality / 100.0;
  double r = g_rand_double (s->rand);
  int quality;

  for (int q = 0; q < RAPPORT_N_SCORE_QUESTIONS; q++)
    {
      int answer = (int) floor (mean + (g_rand_double (s->rand) - 0.5) * 1.6 + 0.5);

      answers[q] = CLAMP (answer, 1, 5);
      rapport_event_set_score (event, q, answers[q]);
    }
  quality = rapport_quality_score (answers);
  if (quality >= 65)
    rapport_event_set_go_again (event, r < 0.92 ? 1 : -1);
  else if (quality < 40)
    rapport_event_set_go_again (event, r < 0.85 ? 0 : -1);
  else
    rapport_event_set_go_again (event, r < 0.5 ? 1 : r < 0.8 ? 0
                                                             : -1);
  if (chance (s, 0.3))
    rapport_event_set_notes (event, quality >= 65   ? PICK_ARRAY (s, event_notes_good)
                                    : quality >= 40 ? PICK_ARRAY (s, event_notes_fair)
                                                    : PICK_ARRAY (s, event_notes_poor));
}

static RapportEvent *
make_event (Sampler *s,
            const Plan *plan)
{
  const Series *series = &series_table[plan->series];
  const char *tmpl = pick (s, series->titles);
  g_autoptr(GString) title = g_string_new (tmpl);
  g_autofree char *business = NULL;
  /* 0 two years ago, 1 today: rooms grow or shrink with the group. */
  double t = 1.0 - (double) plan->day / DAYS_BACK;
  double room = series->room[0] + (series->room[1] - series->room[0]) * t;
  RapportEvent *event;

  if (series->locations == NULL || strstr (tmpl, "{business}") != NULL)
    business = g_strconcat (PICK_ARRAY (s, brands), " ",
                            pick (s, industries[PICK_WEIGHTED (s, industries)].company_words), NULL);
  if (business != NULL)
    g_string_replace (title, "{business}", business, 0);
  if (strstr (tmpl, "{topic}") != NULL)
    g_string_replace (title, "{topic}", PICK_ARRAY (s, event_topics), 0);

  event = rapport_event_new (title->str, plan->starts_at);
  if (series->group >= 0)
    rapport_event_set_group_id (event, s->group_ids[series->group]);
  rapport_event_set_kind (event, series->kind);
  rapport_event_set_duration_min (event, series->duration);
  rapport_event_set_travel_min (event, between (s, series->travel[0] / 5, series->travel[1] / 5) * 5);
  rapport_event_set_location (event, series->locations != NULL ? pick (s, series->locations) : business);
  rapport_event_set_cost_cents (event, series->cost_cents);
  rapport_event_set_room_size (event, (int) (room * (0.8 + 0.4 * g_rand_double (s->rand))));
  /* The last days' events often wait for their scorecard. */
  if (plan->day >= 1 && !chance (s, plan->day <= 10 ? 0.5 : 0.02))
    score_event (s, event, plan);
  return event;
}

/* Writes the calendar a batch per statement, oldest first, so that ids
 * follow the order of the plans. */
static gboolean
write_events (Sampler *s,
              GCancellable *cancellable,
              GError **error)
{
  for (guint done = 0; done < s->plans->len;)
    {
      RapportEvent *batch[MAX_BATCH];
      guint n = MIN (MAX_BATCH, s->plans->len - done);
      gint64 first_id;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        batch[i] = make_event (s, &g_array_index (s->plans, Plan, done + i));
      first_id = rapport_store_insert_event_rows (s->store, batch, n, error);
      for (guint i = 0; i < n; i++)
        g_object_unref (batch[i]);
      if (first_id == 0)
        return FALSE;
      for (guint i = 0; i < n; i++)
        g_array_index (s->plans, Plan, done + i).id = first_id + i;
      remember_id (s->events, first_id);
      remember_id (s->events, first_id + n - 1);
      done += n;
    }
  return TRUE;
}

/* Conversations that mattered: with people close to the user, more often,
 * and at events the user found good. */
static double
meaningful_chance (const Plan *plan,
                   RapportRelationship relationship)
{
  double base = is_close (relationship)                             ? 0.7
                : relationship == RAPPORT_RELATIONSHIP_PROSPECT     ? 0.45
                : relationship == RAPPORT_RELATIONSHIP_NOT_PROSPECT ? 0.15
                                                                    : 0.1;

  return base * (0.3 + plan->quality / 100.0);
}

static gboolean
write_met_there (Sampler *s,
                 Plan *plan,
                 gint64 contact_id,
                 double meaningful,
                 GError **error)
{
  gint64 id = rapport_store_insert_event_person_row (s->store, plan->id, contact_id, chance (s, meaningful),
                                                     chance (s, 0.3) ? PICK_ARRAY (s, event_person_notes) : NULL,
                                                     error);

  if (id == 0)
    return FALSE;
  remember_id (s->event_people, id);
  plan->n_people++;
  return TRUE;
}

/* The contact's card says where they were first met; the timeline's "met"
 * entry points at the event already, see write_timeline(). */
static gboolean
write_first_meeting (Sampler *s,
                     Plan *plan,
                     gint64 contact_id,
                     RapportRelationship relationship,
                     GError **error)
{
  g_autofree char *stamp = rapport_store_next_stamp (s->store);

  return write_met_there (s, plan, contact_id, meaningful_chance (plan, relationship), error) &&
         rapport_store_set_met_at (s->store, contact_id, plan->id, plan->starts_at, stamp, NULL, error);
}

/* People met before and seen again, as the user would mark them: mostly
 * the regulars of the place they were first met. Only before a person's
 * latest timeline entry, so that the keep-in-touch clocks the timelines
 * set stay as they are. */
static gboolean
write_reunions (Sampler *s,
                GCancellable *cancellable,
                GError **error)
{
  for (guint i = 0; i < s->plans->len; i++)
    {
      Plan *plan = &g_array_index (s->plans, Plan, i);
      const Series *series = &series_table[plan->series];
      GArray *regulars = s->regulars[plan->series];
      gint64 seen[16];
      guint n_seen = 0;

      if (i % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      while (plan->n_people < plan->want_people && n_seen < G_N_ELEMENTS (seen))
        {
          gint64 at = plan->starts_at + between (s, 1, MAX (1, series->duration / 10 - 1)) * 10 * 60;
          const Person *person = NULL;
          gint64 interaction;

          for (int attempt = 0; attempt < 8 && person == NULL; attempt++)
            {
              const Person *candidate = attempt < 4 && regulars->len > 0
                                            ? &g_array_index (s->people, Person,
                                                              g_array_index (regulars, guint,
                                                                             g_rand_int_range (s->rand, 0, regulars->len)))
                                            : random_person (s);
              gboolean again = FALSE;

              if (candidate == NULL || candidate->archived || candidate->first_day <= plan->day ||
                  candidate->last_at <= at)
                continue;
              for (guint k = 0; k < n_seen; k++)
                again |= seen[k] == candidate->id;
              if (!again)
                person = candidate;
            }
          if (person == NULL)
            break;

          interaction = rapport_store_insert_interaction_row (s->store, person->id, RAPPORT_INTERACTION_MET, at, NULL,
                                                              error);
          if (interaction == 0 || !rapport_store_set_interaction_event (s->store, interaction, plan->id, error))
            return FALSE;
          remember_id (s->interactions, interaction);
          /* Seeing someone again is a meaningful conversation less often. */
          if (!write_met_there (s, plan, person->id, meaningful_chance (plan, RAPPORT_RELATIONSHIP_PROSPECT), error))
            return FALSE;
          seen[n_seen++] = person->id;
        }
    }
  return TRUE;
}

/* Huddles, their year of meetings and the referral ledger */

/* The huddles have met for the year before today, at 8:00 for an hour. */
#define HUDDLE_DAYS 364
#define HUDDLE_MINUTES (8 * 60)
#define HUDDLE_DURATION 60
#define MAX_MEETINGS 32
/* Referrals passed outside any huddle, over the same year. */
#define N_OTHER_REFERRALS 6

typedef struct
{
  const Seat *seat;
  gint64 contact; /* 0: the user */
  gint64 id;
  guint from, to; /* a member at the meetings from, up to but not to */
} Member;

typedef struct
{
  const HuddleInfo *info;
  gint64 id;
  int days[MAX_MEETINGS]; /* its meetings, in days ago, oldest first */
  guint n_days;
  Member members[MAX_SEATS + 1]; /* the user first */
  guint n_members;
  guint n_referrals;
} Huddle;

static gboolean
is_seated (Sampler *s,
           gint64 contact)
{
  for (guint i = 0; i < s->n_seated; i++)
    if (s->seated[i] == contact)
      return TRUE;
  return FALSE;
}

static gboolean
in_list (const char *text,
         const char *const *list)
{
  for (guint i = 0; list[i] != NULL; i++)
    if (g_str_equal (text, list[i]))
      return TRUE;
  return FALSE;
}

/* The days the schedule falls on, as the io layer would expand its
 * rule: the Tuesdays of the month it names. */
static void
plan_meetings (Sampler *s,
               Huddle *h)
{
  for (int day = HUDDLE_DAYS; day >= 1 && h->n_days < MAX_MEETINGS; day--)
    {
      const Day *d = day_at (s, day);
      int week = ((d->iso[8] - '0') * 10 + d->iso[9] - '0' - 1) / 7 + 1;

      if (d->weekday == G_DATE_TUESDAY && (week == h->info->weeks[0] || week == h->info->weeks[1]))
        h->days[h->n_days++] = day;
    }
}

/* How well @p fits @seat, from 0 up, or -1 if not at all: the seat's
 * first industry, met before joining, and a referral partner count. */
static int
seat_fit (Sampler *s,
          const Seat *seat,
          const Person *p,
          int joined)
{
  const Industry *industry = &industries[p->industry];
  gboolean titled = seat->titles == NULL;
  int fit;

  if (p->archived || !in_list (industry->name, seat->industries))
    return -1;
  for (guint i = 0; !titled && seat->titles[i] != NULL; i++)
    titled = strstr (industry->titles[p->title], seat->titles[i]) != NULL;
  if (!titled || is_seated (s, p->id))
    return -1;
  fit = g_str_equal (industry->name, seat->industries[0]) ? 4 : 0;
  if (p->first_day > joined)
    fit += 2;
  if (p->relationship == RAPPORT_RELATIONSHIP_REFERRAL_PARTNER)
    fit++;
  return fit;
}

/* One of the people who fit @seat best, who joins @joined days ago; NULL
 * when nobody can take it, as in a small network. */
static const Person *
find_member (Sampler *s,
             const Seat *seat,
             int joined)
{
  int best = -1;
  guint n_best = 0;
  guint chosen;

  for (guint i = 0; i < s->people->len; i++)
    {
      int fit = seat_fit (s, seat, &g_array_index (s->people, Person, i), joined);

      if (fit > best)
        {
          best = fit;
          n_best = 0;
        }
      if (fit == best)
        n_best++;
    }
  if (best < 0)
    return NULL;
  chosen = between (s, 0, n_best - 1);
  for (guint i = 0; i < s->people->len; i++)
    {
      const Person *p = &g_array_index (s->people, Person, i);

      if (seat_fit (s, seat, p, joined) == best && chosen-- == 0)
        return p;
    }
  g_return_val_if_reached (NULL);
}

/* Seats the user and whoever fits each seat, for the meetings from the
 * one they joined at to the one they were gone by. */
static void
seat_members (Sampler *s,
              Huddle *h)
{
  h->members[0] = (Member){ &h->info->me, 0, 0, 0, h->n_days };
  h->n_members = 1;
  for (const Seat *seat = h->info->seats; seat < h->info->seats + MAX_SEATS && seat->service != NULL; seat++)
    {
      guint from = 0, to = h->n_days;
      const Person *p;

      while (seat->joined > 0 && from < h->n_days && h->days[from] > seat->joined)
        from++;
      while (seat->left > 0 && to > from && h->days[to - 1] <= seat->left)
        to--;
      if (from >= to)
        continue;
      p = find_member (s, seat, h->days[from]);
      if (p == NULL)
        continue;
      s->seated[s->n_seated++] = p->id;
      h->members[h->n_members++] = (Member){ seat, p->id, 0, from, to };
    }
}

/* Whether the user was at one of the calendar's events during a meeting
 * starting at @starts_at on @day. */
static gboolean
busy_elsewhere (Sampler *s,
                int day,
                gint64 starts_at)
{
  const Day *d = day_at (s, day);

  for (guint i = 0; i < d->n_plans; i++)
    {
      const Plan *plan = &g_array_index (s->plans, Plan, d->first_plan + i);
      gint64 ends_at = plan->starts_at + series_table[plan->series].duration * 60;

      if (plan->starts_at < starts_at + HUDDLE_DURATION * 60 && ends_at > starts_at)
        return TRUE;
    }
  return FALSE;
}

static RapportPresence
presence_at (Sampler *s,
             const Huddle *h,
             const Member *m,
             guint meeting)
{
  double r;

  /* The user comes, or sends someone when at another event. */
  if (m->contact == 0)
    return busy_elsewhere (s, h->days[meeting], time_on (s, h->days[meeting], HUDDLE_MINUTES))
               ? RAPPORT_PRESENCE_SUBSTITUTE
           : chance (s, 0.94) ? RAPPORT_PRESENCE_PRESENT
                              : RAPPORT_PRESENCE_LATE;
  if (m->seat->absent)
    return meeting % 3 == 0 ? RAPPORT_PRESENCE_PRESENT : RAPPORT_PRESENCE_ABSENT;
  r = g_rand_double (s->rand);
  return r < 0.84   ? RAPPORT_PRESENCE_PRESENT
         : r < 0.92 ? RAPPORT_PRESENCE_LATE
         : r < 0.96 ? RAPPORT_PRESENCE_SUBSTITUTE
                    : RAPPORT_PRESENCE_ABSENT;
}

/* Someone the user has met by @day, to refer: preferably of @prefer's
 * industries, never one of the huddles' members, @a or @b. 0 if none is
 * found soon, as in a small network. */
static gint64
find_prospect (Sampler *s,
               int day,
               const char *const *prefer,
               gint64 a,
               gint64 b)
{
  for (int attempt = 0; attempt < 24; attempt++)
    {
      const Person *p = random_person (s);

      if (p == NULL)
        return 0;
      if (p->archived || p->first_day < day || p->id == a || p->id == b || is_seated (s, p->id))
        continue;
      if (attempt < 12 && prefer != NULL && !in_list (industries[p->industry].name, prefer))
        continue;
      return p->id;
    }
  return 0;
}

/* A referral's steps after "given", in date order, up to today: half of
 * them won, a quarter lost, the rest still open. */
static gboolean
write_progress (Sampler *s,
                gint64 referral,
                int day,
                const Seat *receiver,
                GError **error)
{
  struct
  {
    RapportReferralStatus status;
    int day;
  } steps[3];
  guint n = 0;
  double outcome = g_rand_double (s->rand);
  gboolean won = outcome < 0.5;
  gboolean lost = !won && outcome < 0.75;
  gint64 value = -1;

  day -= between (s, 1, 4);
  steps[n].status = RAPPORT_REFERRAL_CONTACTED;
  steps[n++].day = day;
  /* Business is won after a meeting; lost or open, maybe before one. */
  if (won || chance (s, 0.5))
    {
      day -= between (s, 3, 14);
      steps[n].status = RAPPORT_REFERRAL_MEETING;
      steps[n++].day = day;
    }
  if (won || lost)
    {
      day -= between (s, 7, 45);
      steps[n].status = won ? RAPPORT_REFERRAL_WON : RAPPORT_REFERRAL_LOST;
      steps[n++].day = day;
    }
  if (won)
    value = between (s, receiver->value[0] / 50, receiver->value[1] / 50) * (gint64) 5000;

  for (guint i = 0; i < n && steps[i].day >= 0; i++)
    {
      const char *note = NULL;
      gint64 id;

      if (chance (s, 0.4))
        switch (steps[i].status)
          {
          case RAPPORT_REFERRAL_CONTACTED: note = PICK_ARRAY (s, step_notes_contacted); break;
          case RAPPORT_REFERRAL_MEETING: note = PICK_ARRAY (s, step_notes_meeting); break;
          case RAPPORT_REFERRAL_WON: note = PICK_ARRAY (s, step_notes_won); break;
          case RAPPORT_REFERRAL_LOST: note = PICK_ARRAY (s, step_notes_lost); break;
          case RAPPORT_REFERRAL_GIVEN:
          default: break;
          }
      id = rapport_store_insert_referral_step_row (s->store, referral, steps[i].status,
                                                   steps[i].status == RAPPORT_REFERRAL_WON ? value : -1,
                                                   day_at (s, steps[i].day)->iso, note, error);
      if (id == 0)
        return FALSE;
      remember_id (s->referral_steps, id);
    }
  return TRUE;
}

/* A referral given @day days ago, with its steps and its timeline
 * entries, as rapport_store_give_referral() would write it then. */
static gboolean
write_referral (Sampler *s,
                gint64 from,
                gint64 to,
                gint64 prospect,
                gint64 huddle,
                int day,
                const Seat *receiver,
                GError **error)
{
  const char *note = receiver->needs != NULL && chance (s, 0.6) ? pick (s, receiver->needs) : NULL;
  gint64 entries[2];
  gint64 step = 0;
  gint64 id;

  id = rapport_store_insert_referral_row (s->store, from, to, prospect, huddle, day_at (s, day)->iso, note, &step,
                                          entries, error);
  if (id == 0)
    return FALSE;
  remember_id (s->referrals, id);
  remember_id (s->referral_steps, step);
  for (guint i = 0; i < G_N_ELEMENTS (entries); i++)
    if (entries[i] != 0)
      remember_id (s->interactions, entries[i]);
  return write_progress (s, id, day, receiver, error);
}

/* A referral passed at a meeting: to the user every fourth time and
 * from them now and then, else between members; given by someone who
 * came. */
static gboolean
write_huddle_referral (Sampler *s,
                       Huddle *h,
                       guint meeting,
                       const guint *came,
                       guint n_came,
                       GError **error)
{
  guint k = h->n_referrals++;
  guint others[MAX_SEATS + 1], givers[MAX_SEATS + 1];
  guint n_others = 0, n_givers = 0;
  gboolean user_came = FALSE;
  const Member *to, *from;
  gint64 prospect;

  for (guint i = 1; i < h->n_members; i++)
    if (h->members[i].from <= meeting && meeting < h->members[i].to)
      others[n_others++] = i;
  if (n_others == 0)
    return TRUE;
  to = k % 4 == 1 ? &h->members[0] : &h->members[others[between (s, 0, n_others - 1)]];
  for (guint i = 0; i < n_came; i++)
    {
      user_came |= came[i] == 0;
      if (&h->members[came[i]] != to)
        givers[n_givers++] = came[i];
    }
  if (to->contact != 0 && k % 5 == 2 && user_came)
    from = &h->members[0];
  else if (n_givers > 0)
    from = &h->members[givers[between (s, 0, n_givers - 1)]];
  else
    return TRUE;

  prospect = find_prospect (s, h->days[meeting], to->seat->prospects, from->contact, to->contact);
  return prospect == 0 ||
         write_referral (s, from->contact, to->contact, prospect, h->id, h->days[meeting], to->seat, error);
}

/* A meeting with everyone's attendance, its notes now and then, what
 * some asked for and offered, and the referrals passed there. */
static gboolean
write_meeting (Sampler *s,
               Huddle *h,
               guint meeting,
               GError **error)
{
  int day = h->days[meeting];
  const char *notes = chance (s, 0.4) ? pick (s, h->info->notes) : NULL;
  gint64 id = rapport_store_insert_meeting_row (s->store, h->id, time_on (s, day, HUDDLE_MINUTES), notes, error);
  guint came[MAX_SEATS + 1];
  guint n_came = 0;
  int n_referrals;

  if (id == 0)
    return FALSE;
  remember_id (s->meetings, id);
  for (guint i = 0; i < h->n_members; i++)
    {
      const Member *m = &h->members[i];
      RapportPresence presence;
      const char *asks = NULL, *offers = NULL;
      gint64 attendance;

      if (meeting < m->from || meeting >= m->to)
        continue;
      presence = presence_at (s, h, m, meeting);
      if (presence == RAPPORT_PRESENCE_PRESENT || presence == RAPPORT_PRESENCE_LATE)
        {
          came[n_came++] = i;
          if (chance (s, 0.3))
            asks = pick (s, m->seat->asks);
          if (chance (s, 0.25))
            offers = pick (s, m->seat->offers);
        }
      attendance = rapport_store_insert_attendance_row (s->store, id, m->id, presence, asks, offers, error);
      if (attendance == 0)
        return FALSE;
      remember_id (s->attendance, attendance);
    }

  n_referrals = between (s, 0, 2);
  for (int i = 0; i < n_referrals; i++)
    if (!write_huddle_referral (s, h, meeting, came, n_came, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_huddle (Sampler *s,
              Huddle *h,
              GError **error)
{
  const HuddleInfo *info = h->info;
  g_autoptr(RapportHuddle) huddle = g_object_new (RAPPORT_TYPE_HUDDLE,
                                                   "name", info->name,
                                                   "industry", info->industry,
                                                   "place", info->place,
                                                   "rrule", info->rrule,
                                                   "first-meeting", time_on (s, h->days[0], HUDDLE_MINUTES),
                                                   "duration-min", HUDDLE_DURATION,
                                                   NULL);

  rapport_huddle_set_audience (huddle, info->audience);
  h->id = rapport_store_insert_huddle_row (s->store, huddle, error);
  if (h->id == 0)
    return FALSE;
  remember_id (s->huddles, h->id);
  for (guint i = 0; i < h->n_members; i++)
    {
      Member *m = &h->members[i];
      const char *left_on = m->to < h->n_days ? day_at (s, h->days[m->to])->iso : NULL;

      m->id = rapport_store_insert_member_row (s->store, h->id, m->contact, m->seat->service, m->seat->offering,
                                               day_at (s, h->days[m->from])->iso, left_on, error);
      if (m->id == 0)
        return FALSE;
      remember_id (s->huddle_members, m->id);
    }
  for (guint i = 0; i < h->n_days; i++)
    if (!write_meeting (s, h, i, error))
      return FALSE;
  return TRUE;
}

/* A few referrals outside the huddles: from referral partners, clients
 * and friends to the user, and the other way. */
static gboolean
write_other_referrals (Sampler *s,
                       GError **error)
{
  for (guint k = 0; k < N_OTHER_REFERRALS; k++)
    {
      int day = next_weekday (s, between (s, 14, HUDDLE_DAYS));
      gboolean to_me = k % 2 == 0;
      const Person *partner = NULL;
      gint64 prospect;

      for (int attempt = 0; day > 0 && attempt < 32 && partner == NULL; attempt++)
        {
          const Person *p = random_person (s);

          if (p != NULL && !p->archived && p->first_day >= day && is_close (p->relationship) && !is_seated (s, p->id))
            partner = p;
        }
      if (partner == NULL)
        continue;
      prospect = find_prospect (s, day, to_me ? huddle_infos[1].me.prospects : NULL, partner->id, 0);
      if (prospect != 0 &&
          !write_referral (s, to_me ? partner->id : 0, to_me ? 0 : partner->id, prospect, 0, day,
                           to_me ? &huddle_infos[1].me : &contact_seat, error))
        return FALSE;
    }
  return TRUE;
}

/* The huddles the user belongs to, with a year of meetings and
 * referrals, and a few referrals besides. Everyone seated is chosen
 * first, so that nobody is referred to the huddle they sit in. A huddle
 * of fewer than three, in a small network, is left out. */
static gboolean
write_huddles (Sampler *s,
               GError **error)
{
  Huddle huddles[G_N_ELEMENTS (huddle_infos)] = { { 0 } };

  for (guint i = 0; i < G_N_ELEMENTS (huddle_infos); i++)
    {
      huddles[i].info = &huddle_infos[i];
      plan_meetings (s, &huddles[i]);
      if (huddles[i].n_days > 0)
        seat_members (s, &huddles[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (huddles); i++)
    if (huddles[i].n_members >= 3 && !write_huddle (s, &huddles[i], error))
      return FALSE;
  return write_other_referrals (s, error);
}

/* A profile to go with the network, unless the user saved their own; meta
 * remembers its stamp, so that removing the sample can tell whether the
 * user has changed it since. */
static gboolean
write_profile (Sampler *s,
               gboolean *wrote,
               GError **error)
{
  RapportProfile profile = {
    .services = (char *) "Managed IT support and cybersecurity for small offices: help desk, backups, "
                         "Microsoft 365 and network security.",
    .audience = (GStrv) profile_audience,
    .goal_min = 5,
    .goal_max = 8,
    .hours_per_month = 16,
  };

  *wrote = rapport_store_query_int (s->store, "SELECT EXISTS (SELECT 1 FROM profile)", 1) == 0;
  return !*wrote ||
         (rapport_store_write_profile_row (s->store, &profile, error) &&
          rapport_store_outbox_append (s->store, "profile", 1, error) &&
          rapport_store_exec (s->store,
                              "INSERT OR REPLACE INTO meta (key, value)"
                              " SELECT 'sample-profile', updated FROM profile WHERE id = 1",
                              error));
}

/* A contact made up but not yet written. */
typedef struct
{
  RapportContact *contact;
  RapportRelationship relationship;
  Context ctx;
  const char *given; /* in Sampler.names */
  guint title;       /* in the industry's titles */
  int first_day;     /* met, or added to the address book */
  int minutes;       /* the time of day of that meeting */
  int cadence;
  gboolean met;
  gboolean archived;
  int event; /* the Plan where they were met, or -1 */
} Draft;

static void
draft_clear (Draft *draft)
{
  g_clear_object (&draft->contact);
}

static void
make_contact (Sampler *s,
              guint index,
              guint total,
              Draft *draft)
{
  RapportContact *contact;
  g_auto(Name) name = { 0 };
  g_autofree char *company = NULL;
  g_autofree char *domain = NULL;
  g_autofree char *help_them = NULL;
  g_autofree char *help_me = NULL;
  g_autofree char *notes = NULL;
  const Industry *industry = &industries[PICK_WEIGHTED (s, industries)];
  const City *city = &cities[PICK_WEIGHTED (s, cities)];
  const Occasion *occasion = &occasions[PICK_WEIGHTED (s, occasions)];
  RapportRelationship relationship = pick_relationship (s);
  const Person *introducer = NULL;
  const char *contact_tags[5] = { NULL };
  guint n_tags = 0, want_tags;
  Context ctx = { industry, city->name, NULL, NULL };
  gboolean met = chance (s, 0.9);
  gboolean archived;
  int first_day, minutes, cadence;
  int event = -1;
  guint title;
  double when;

  /* Contacts are written in the order they were met, over two years. */
  when = ((double) total - index - g_rand_double (s->rand)) / total;
  first_day = weekday_of (s, CLAMP ((int) (when * 730.0) + 1, 1, 730));
  minutes = occasion->minutes;

  /* Introductions come from people met before, mostly close ones; one met
   * the same day made the introduction at that same event. */
  if (s->people->len > 0 && chance (s, 0.2))
    {
      if (s->connectors->len > 0 && chance (s, 0.7))
        introducer = &g_array_index (s->people, Person,
                                     g_array_index (s->connectors, guint,
                                                    g_rand_int_range (s->rand, 0, s->connectors->len)));
      else
        introducer = random_person (s);
      if (introducer->first_day <= first_day)
        {
          first_day = introducer->first_day;
          occasion = &occasions[introducer->occasion];
          minutes = introducer->minutes + 20;
          event = introducer->event;
        }
      ctx.introducer = introducer->given;
    }
  ctx.occasion = occasion;

  /* Met at one of the calendar's events: one of that occasion within a
   * few days, or else whatever the user went to around then, which
   * becomes the occasion; never before the introducer, who was met
   * first. */
  if (met && (introducer == NULL || first_day != introducer->first_day))
    {
      int before = introducer != NULL ? introducer->first_day : G_MAXINT;

      event = find_plan (s, first_day, occasion->series, 4, before);
      if (event < 0)
        event = find_plan (s, first_day, -1, 2, before);
      if (event >= 0)
        {
          const Plan *plan = &g_array_index (s->plans, Plan, event);

          first_day = plan->day;
          minutes = plan->minutes + 20;
          occasion = &occasions[s->series_occasion[plan->series]];
          ctx.occasion = occasion;
        }
    }

  make_name (s, &name);
  contact = rapport_contact_new (name.display);
  rapport_contact_set_given_name (contact, name.given);
  rapport_contact_set_family_name (contact, name.family);
  rapport_contact_set_industry (contact, industry->name);
  title = pick_index (s, industry->titles);
  rapport_contact_set_job_title (contact, industry->titles[title]);
  if (chance (s, 0.95))
    {
      company = make_company (s, industry, &name, city->name);
      domain = company_domain (company);
      rapport_contact_set_company (contact, company);
    }
  if (chance (s, 0.8))
    {
      /* Most have been at it a few years; some for decades. MIN() would
       * draw twice. */
      int years = (int) (-log (1.0 - g_rand_double (s->rand)) * 9.0);

      years = MIN (years, 40);

      rapport_contact_set_industry_since (contact, s->max_year - years);
    }
  rapport_contact_set_city (contact, city->name);
  add_emails (s, contact, &name, domain);
  for (int i = 0, n_phones = between (s, 0, 9) < 2 ? 0 : between (s, 1, 4) < 4 ? 1
                                                                               : 2,
           mobile_first = chance (s, 0.8);
       i < n_phones; i++)
    {
      g_autofree char *phone = make_phone (s, city);

      rapport_contact_add_phone (contact, (i == 0) == mobile_first ? "mobile" : "work", phone);
    }
  if (domain != NULL && chance (s, 0.45))
    {
      g_autofree char *website = g_strconcat (chance (s, 0.7) ? "https://www." : "https://", domain, NULL);

      rapport_contact_set_website (contact, website);
    }
  if (chance (s, 0.55))
    {
      g_autoptr(GString) url = g_string_new ("https://www.linkedin.com/in/");

      append_ascii (url, name.given_latin, FALSE);
      g_string_append_c (url, '-');
      append_ascii (url, name.family_latin, FALSE);
      if (chance (s, 0.6))
        g_string_append_printf (url, "-%06x", g_rand_int_range (s->rand, 0, 0x1000000));
      rapport_contact_set_linkedin (contact, url->str);
    }

  /* Tags: the group where they met, and a few more. */
  if (occasion->tag != NULL && chance (s, 0.7))
    contact_tags[n_tags++] = occasion->tag;
  want_tags = n_tags + (chance (s, 0.5) ? 0 : chance (s, 0.6) ? 1
                                                              : 2);
  if (relationship == RAPPORT_RELATIONSHIP_CLIENT && chance (s, 0.15))
    contact_tags[n_tags++] = "vip";
  while (n_tags < want_tags && n_tags < G_N_ELEMENTS (contact_tags) - 1)
    {
      const char *tag = tags[PICK_WEIGHTED (s, tags)].tag;
      gboolean seen = FALSE;

      for (guint i = 0; i < n_tags; i++)
        seen |= g_str_equal (contact_tags[i], tag);
      if (!seen)
        contact_tags[n_tags++] = tag;
      else
        want_tags--;
    }
  rapport_contact_set_tags (contact, contact_tags);

  rapport_contact_set_relationship (contact, relationship);
  if (introducer != NULL)
    rapport_contact_set_introduced_by (contact, introducer->id);

  if (chance (s, relationship == RAPPORT_RELATIONSHIP_REFERRAL_PARTNER ||
                         relationship == RAPPORT_RELATIONSHIP_MENTOR
                     ? 1.0
                     : 0.75))
    help_them = compose_two (s, PICK_ARRAY (s, help_them_templates),
                             chance (s, 0.3) ? PICK_ARRAY (s, help_them_extras) : NULL, &ctx);
  if (chance (s, is_close (relationship) ? 0.95 : 0.6))
    help_me = compose_two (s, PICK_ARRAY (s, help_me_templates),
                           chance (s, relationship == RAPPORT_RELATIONSHIP_REFERRAL_PARTNER ? 0.4 : 0.1)
                               ? PICK_ARRAY (s, help_me_extras)
                               : NULL,
                           &ctx);
  rapport_contact_set_help_them (contact, help_them);
  rapport_contact_set_help_me (contact, help_me);

  if (introducer != NULL && chance (s, 0.5))
    notes = compose_two (s, PICK_ARRAY (s, intro_notes),
                         chance (s, 0.4) ? PICK_ARRAY (s, personal_notes) : NULL, &ctx);
  else if (chance (s, 0.4))
    notes = compose_two (s, met ? PICK_ARRAY (s, met_notes) : PICK_ARRAY (s, personal_notes),
                         met && chance (s, 0.5) ? PICK_ARRAY (s, personal_notes) : NULL, &ctx);
  rapport_contact_set_notes (contact, notes);

  if (met)
    rapport_contact_set_met_on (contact, day_at (s, first_day)->iso);

  rapport_contact_set_starred (contact, chance (s, relationship == RAPPORT_RELATIONSHIP_MENTOR             ? 0.2
                                                   : relationship == RAPPORT_RELATIONSHIP_REFERRAL_PARTNER ? 0.15
                                                   : relationship == RAPPORT_RELATIONSHIP_CLIENT           ? 0.1
                                                   : relationship == RAPPORT_RELATIONSHIP_FRIEND           ? 0.08
                                                                                                           : 0.015));
  archived = chance (s, relationship == RAPPORT_RELATIONSHIP_NOT_PROSPECT ? 0.06
                        : relationship == RAPPORT_RELATIONSHIP_PROSPECT   ? 0.03
                        : relationship == RAPPORT_RELATIONSHIP_UNKNOWN    ? 0.05
                                                                          : 0.005);
  rapport_contact_set_archived (contact, archived);
  cadence = pick_cadence (s, relationship);
  rapport_contact_set_cadence_days (contact, cadence);

  draft->contact = contact;
  draft->relationship = relationship;
  draft->ctx = ctx;
  draft->given = g_string_chunk_insert_const (s->names, name.given);
  draft->title = title;
  draft->first_day = first_day;
  draft->minutes = minutes;
  draft->cadence = cadence;
  draft->met = met;
  draft->archived = archived;
  draft->event = met ? event : -1;
}

/* Writes a batch of contacts in one statement, then their timelines.
 * Introducers come from earlier batches only, since validation looks them
 * up in the store. */
static gboolean
write_batch (Sampler *s,
             Draft *drafts,
             guint n_drafts,
             guint index,
             guint total,
             GError **error)
{
  RapportContact *contacts[MAX_BATCH];
  gint64 created_at[MAX_BATCH];
  gint64 first_id;

  for (guint i = 0; i < n_drafts; i++)
    {
      contacts[i] = drafts[i].contact;
      /* The card was made right after the meeting. */
      created_at[i] = time_on (s, drafts[i].first_day, drafts[i].minutes + 45);
    }
  first_id = rapport_store_insert_contact_rows (s->store, contacts, created_at, n_drafts, error);
  if (first_id == 0)
    return FALSE;
  remember_id (s->contacts, first_id);
  remember_id (s->contacts, first_id + n_drafts - 1);

  for (guint i = 0; i < n_drafts; i++)
    {
      const Draft *d = &drafts[i];
      gint64 id = first_id + i;
      Plan *plan = d->event >= 0 ? &g_array_index (s->plans, Plan, d->event) : NULL;
      Person person = {
        .id = id,
        .given = d->given,
        .industry = d->ctx.industry - industries,
        .occasion = d->ctx.occasion - occasions,
        .first_day = d->first_day,
        .minutes = d->minutes,
        .title = d->title,
        .relationship = d->relationship,
        .archived = d->archived,
        .event = d->event,
      };
      guint last;

      if (!write_timeline (s, id, d->relationship, d->first_day, d->met, d->minutes, d->cadence, &d->ctx,
                           plan ? plan->id : 0, &person.last_at, error))
        return FALSE;
      if (!d->archived && !write_pending (s, id, total - index - i, d->first_day, d->met, &d->ctx, error))
        return FALSE;
      if (plan != NULL && !write_first_meeting (s, plan, id, d->relationship, error))
        return FALSE;

      g_array_append_val (s->people, person);
      last = s->people->len - 1;
      g_array_append_val (s->regulars[d->ctx.occasion->series], last);
      if (is_close (d->relationship) && !d->archived)
        g_array_append_val (s->connectors, last);
    }
  return TRUE;
}

static int
get_cache_size (RapportStore *store)
{
  return (int) rapport_store_query_int (store, "PRAGMA cache_size", 0);
}

static gboolean
record (RapportStore *store,
        const char *entity,
        const gint64 range[2],
        GError **error)
{
  if (range[0] == 0)
    return TRUE;
  return rapport_store_outbox_append_range (store, entity, range[0], range[1], error);
}

/* The made-up rows of @table are consecutive ids, one range per fill,
 * kept in meta under "sample-@table" as "first-last first-last…" so that
 * they can be removed later. */
static gboolean
remember_sample (RapportStore *store,
                 const char *table,
                 const gint64 range[2],
                 GError **error)
{
  g_autofree char *key = g_strconcat ("sample-", table, NULL);
  g_autofree char *value = NULL;
  sqlite3_stmt *stmt;

  if (range[0] == 0)
    return TRUE;
  value = g_strdup_printf ("%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, range[0], range[1]);
  stmt = rapport_store_prepare (store,
                                "INSERT INTO meta (key, value) VALUES (?, ?)"
                                " ON CONFLICT (key) DO UPDATE SET value = value || ' ' || excluded.value",
                                error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return rapport_store_step_done (store, stmt, error);
}

/* The rows of @table ("contacts", "groups", "events", "huddles",
 * "huddle_members", "meetings" or "referrals") that remember_sample()
 * recorded and that still exist. */
static gboolean
collect_sample_ids (RapportStore *store,
                    const char *table,
                    GArray *ids,
                    GError **error)
{
  g_autofree char *key = g_strconcat ("sample-", table, NULL);
  g_autofree char *select = g_strdup_printf ("SELECT id FROM %s WHERE id BETWEEN ? AND ? AND deleted = 0", table);
  sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT value FROM meta WHERE key = ?", error);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_auto(GStrv) ranges = NULL;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    ranges = g_strsplit ((const char *) sqlite3_column_text (stmt, 0), " ", -1);
  sqlite3_reset (stmt);

  for (guint i = 0; ranges != NULL && ranges[i] != NULL; i++)
    {
      gint64 first, last;

      if (sscanf (ranges[i], "%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT, &first, &last) != 2 || first > last)
        continue;
      stmt = rapport_store_prepare (store, select, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, first);
      sqlite3_bind_int64 (stmt, 2, last);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          /* Overlapping ranges (a hand-edited file) list each id once. */
          if (g_hash_table_add (seen, g_memdup2 (&id, sizeof id)))
            g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* What a fill or a removal changed, said once after the commit. */
static void
emit_sample_changed (RapportStore *store,
                     gboolean profile)
{
  rapport_store_emit_changed (store, "contacts", 0);
  rapport_store_emit_changed (store, "interactions", 0);
  rapport_store_emit_changed (store, "followups", 0);
  rapport_store_emit_changed (store, "groups", 0);
  rapport_store_emit_changed (store, "events", 0);
  rapport_store_emit_changed (store, "huddles", 0);
  rapport_store_emit_changed (store, "referrals", 0);
  if (profile)
    rapport_store_emit_changed (store, "profile", 0);
}

/**
 * rapport_sample_is_present:
 * @store: a store
 *
 * Returns: whether a sample network was added and not removed since
 */
gboolean
rapport_sample_is_present (RapportStore *store)
{
  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  return rapport_store_query_int (store, "SELECT EXISTS (SELECT 1 FROM meta WHERE key = 'sample-contacts')", 0) != 0;
}

/**
 * rapport_sample_count:
 * @store: a store
 *
 * Returns: how many contacts of a sample network are still in @store
 */
guint
rapport_sample_count (RapportStore *store)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (RAPPORT_IS_STORE (store), 0);

  if (!collect_sample_ids (store, "contacts", ids, NULL))
    return 0;
  return ids->len;
}

/* Empties the profile the sample wrote, unless the user has saved it
 * since. It is emptied rather than deleted, because sync knows no
 * deletion of the profile. */
static gboolean
reset_sample_profile (RapportStore *store,
                      gboolean *reset,
                      GError **error)
{
  RapportProfile empty = { .goal_min = 5, .goal_max = 8 };

  *reset = rapport_store_query_int (store,
                                    "SELECT EXISTS (SELECT 1 FROM profile p JOIN meta m"
                                    " ON m.key = 'sample-profile' AND m.value = p.updated)",
                                    0) != 0;
  return !*reset || (rapport_store_write_profile_row (store, &empty, error) &&
                     rapport_store_outbox_append (store, "profile", 1, error));
}

/* Leaves out of @members the user's own, who stays in a huddle the user
 * keeps. */
static gboolean
drop_user_members (RapportStore *store,
                   GArray *members,
                   GError **error)
{
  for (guint i = members->len; i-- > 0;)
    {
      sqlite3_stmt *stmt = rapport_store_prepare (store, "SELECT contact_id IS NULL FROM huddle_members WHERE id = ?",
                                                  error);
      gboolean user;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, g_array_index (members, gint64, i));
      user = sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
      sqlite3_reset (stmt);
      if (user)
        g_array_remove_index (members, i);
    }
  return TRUE;
}

/* Deletes each of @ids, an @entity of rapport_store_tombstone_huddle_record(). */
static gboolean
tombstone_each (RapportStore *store,
                const char *entity,
                GArray *ids,
                GError **error)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autofree char *stamp = rapport_store_next_stamp (store);

      if (!rapport_store_tombstone_huddle_record (store, entity, g_array_index (ids, gint64, i), stamp, error))
        return FALSE;
    }
  return TRUE;
}

/* Inside the removal's transaction, after the contacts: the sample's
 * referrals (their steps stay: the ledger is append-only, and a deleted
 * referral hides them), its meetings with their attendance, and its
 * huddles with their members, except a huddle in which the user has
 * recorded a meeting or a referral of their own. That one stays with the
 * user's membership, without the made-up people. */
static gboolean
remove_sample_huddles (RapportStore *store,
                       GArray *referrals,
                       GArray *meetings,
                       GArray *huddles,
                       GArray *members,
                       GError **error)
{
  if (!tombstone_each (store, "referral", referrals, error) || !tombstone_each (store, "meeting", meetings, error))
    return FALSE;
  for (guint i = 0; i < huddles->len; i++)
    {
      g_autofree char *stamp = rapport_store_next_stamp (store);
      gboolean deleted;

      if (!rapport_store_tombstone_huddle (store, g_array_index (huddles, gint64, i), stamp, &deleted, error))
        return FALSE;
    }
  /* What is left of the members sits in the huddles kept. */
  return collect_sample_ids (store, "huddle_members", members, error) &&
         drop_user_members (store, members, error) &&
         tombstone_each (store, "huddle_member", members, error);
}

/**
 * rapport_sample_remove:
 * @store: a store
 * @error: return location for a #GError
 *
 * Deletes everything a sample network made, in one transaction: its
 * contacts with their timeline and follow-ups, its events with the
 * people marked as met there, its groups, its huddles with their
 * members, meetings and attendance, its referrals (whose steps stay, as
 * the ledger is append-only), and its profile unless the user has saved
 * it since. What the user added stays: their contacts lose only their
 * link to a made-up introducer or event, a made-up group the user has
 * put an event of their own in stays with it, and so does a made-up
 * huddle where the user has recorded a meeting or a referral, with the
 * user as a member. Like any deletion it leaves tombstones for sync.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sample_remove (RapportStore *store,
                       GError **error)
{
  g_autoptr(GArray) contacts = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) events = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) sample_groups = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) relinked = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) referrals = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) meetings = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) huddles = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
  gboolean profile_reset = FALSE;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);

  if (!rapport_store_begin (store, error))
    return FALSE;
  if (!collect_sample_ids (store, "contacts", contacts, error) ||
      !collect_sample_ids (store, "events", events, error) ||
      !collect_sample_ids (store, "groups", sample_groups, error) ||
      !collect_sample_ids (store, "referrals", referrals, error) ||
      !collect_sample_ids (store, "meetings", meetings, error) ||
      !collect_sample_ids (store, "huddles", huddles, error))
    goto fail;
  /* A stamp per contact: one made-up person introduced by another is
   * first unlinked, then deleted, and the deletion must be the newer.
   * The contacts go first, so that the events' removal finds their
   * timeline gone and does not record it twice. */
  for (guint i = 0; i < contacts->len; i++)
    {
      gint64 id = g_array_index (contacts, gint64, i);
      g_autofree char *stamp = rapport_store_next_stamp (store);

      if (!rapport_store_tombstone_event_people_of (store, id, stamp, error) ||
          !rapport_store_tombstone_contact (store, id, stamp, relinked, error))
        goto fail;
    }
  for (guint i = 0; i < events->len; i++)
    {
      g_autofree char *stamp = rapport_store_next_stamp (store);

      if (!rapport_store_tombstone_event (store, g_array_index (events, gint64, i), stamp, error))
        goto fail;
    }
  for (guint i = 0; i < sample_groups->len; i++)
    {
      g_autofree char *stamp = rapport_store_next_stamp (store);
      gboolean deleted;

      if (!rapport_store_tombstone_group (store, g_array_index (sample_groups, gint64, i), stamp, &deleted, error))
        goto fail;
    }
  if (!remove_sample_huddles (store, referrals, meetings, huddles, members, error))
    goto fail;
  if (!reset_sample_profile (store, &profile_reset, error) ||
      !rapport_store_exec (store,
                           "DELETE FROM meta WHERE key IN"
                           " ('sample-contacts', 'sample-events', 'sample-groups', 'sample-profile',"
                           "  'sample-huddles', 'sample-huddle_members', 'sample-meetings', 'sample-referrals')",
                           error) ||
      !rapport_store_commit (store, error))
    goto fail;

  for (guint i = 0; i < contacts->len; i++)
    rapport_store_forget_contact (store, g_array_index (contacts, gint64, i));
  for (guint i = 0; i < relinked->len; i++)
    rapport_store_refresh_contact (store, g_array_index (relinked, gint64, i));
  emit_sample_changed (store, profile_reset);
  return TRUE;

fail:
  rapport_store_rollback (store);
  return FALSE;
}

/**
 * rapport_sample_fill:
 * @store: a store, usually an empty one
 * @n_contacts: how many contacts to make
 * @seed: the same seed and @today make the same network
 * @today: the date the network is made relative to, like "2026-11-25"
 * @progress: (nullable) (scope call): called as contacts are written, at
 *   most about a hundred times
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Fills @store with a believable professional network of @n_contacts
 * people met over the two years before @today: names from many cultures,
 * companies and titles across twenty-five industries, how each can help
 * the user and the other way round, who introduced whom, a timeline of
 * meetings, calls and one-to-ones, keep-in-touch cadences for clients and
 * referral partners, and follow-ups overdue, due today and coming up;
 * with the groups the user tried and their verdicts, the events they went
 * to (a few hundred, more for a bigger network) with the people met there
 * and most scorecards filled in, a few events ahead, two huddles the user
 * belongs to with a year of meetings, attendance and referrals, a few
 * referrals outside them, and a profile unless the user saved one. A
 * huddle seats people whose trade fits its services, so a small network
 * may have fewer members or none. Everything is written in one transaction, outbox
 * included, so that the sample syncs like the user's own edits; when
 * @cancellable is cancelled, or anything fails, nothing is written and
 * the error says why (%G_IO_ERROR_CANCELLED when cancelled). The store's
 * "changed" signal is emitted once for each kind of record after the
 * commit, in the calling thread, which must be the thread that uses
 * @store.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sample_fill (RapportStore *store,
                     guint n_contacts,
                     guint32 seed,
                     const char *today,
                     RapportSampleProgress progress,
                     gpointer user_data,
                     GCancellable *cancellable,
                     GError **error)
{
  return rapport_sample_fill_full (store, n_contacts, events_for_contacts (n_contacts), seed, today, progress,
                                   user_data, cancellable, error);
}

/**
 * rapport_sample_fill_full:
 * @store: a store, usually an empty one
 * @n_contacts: how many contacts to make
 * @n_events: about how many events to make
 * @seed: the same seed, counts and @today make the same network
 * @today: the date the network is made relative to, like "2026-11-25"
 * @progress: (nullable) (scope call): called as contacts are written, at
 *   most about a hundred times
 * @user_data: data for @progress
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Like rapport_sample_fill(), with the number of events chosen rather
 * than derived from the number of contacts, as the benchmarks need.
 *
 * Returns: %TRUE on success
 */
gboolean
rapport_sample_fill_full (RapportStore *store,
                          guint n_contacts,
                          guint n_events,
                          guint32 seed,
                          const char *today,
                          RapportSampleProgress progress,
                          gpointer user_data,
                          GCancellable *cancellable,
                          GError **error)
{
  g_autoptr(GTimeZone) tz = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree Sampler *s = NULL;
  guint y, m, d;
  GDate date;
  guint step, batch;
  int old_cache_size;
  gboolean ok = TRUE;
  gboolean wrote_profile = FALSE;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), FALSE);
  g_return_val_if_fail (rapport_date_is_valid (today), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (n_contacts == 0)
    return TRUE;

  s = g_new0 (Sampler, 1);
  s->store = store;
  s->rand = g_rand_new_with_seed (seed);
  s->people = g_array_sized_new (FALSE, FALSE, sizeof (Person), n_contacts);
  s->connectors = g_array_new (FALSE, FALSE, sizeof (guint));
  s->names = g_string_chunk_new (4096);
  s->plans = g_array_sized_new (FALSE, FALSE, sizeof (Plan), n_events);
  for (guint i = 0; i < N_SERIES; i++)
    s->regulars[i] = g_array_new (FALSE, FALSE, sizeof (guint));
  /* Every series has an occasion, the first one listed for it. */
  memset (s->series_occasion, 0xff, sizeof s->series_occasion);
  for (guint i = G_N_ELEMENTS (occasions); i-- > 0;)
    s->series_occasion[occasions[i].series] = i;
  for (guint i = 0; i < N_SERIES; i++)
    g_assert (s->series_occasion[i] < G_N_ELEMENTS (occasions));

  /* Validation refuses a start year after the real one, even when @today
   * is in the future. */
  tz = g_time_zone_new_local ();
  now = g_date_time_new_now (tz);
  sscanf (today, "%4u-%2u-%2u", &y, &m, &d);
  s->max_year = MIN ((int) y, g_date_time_get_year (now));

  for (int ago = -DAYS_AHEAD; ago <= DAYS_BACK; ago++)
    {
      Day *day = &s->days[ago + DAYS_AHEAD];
      g_autoptr(GDateTime) noon = NULL;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, d, m, y);
      if (ago >= 0)
        g_date_subtract_days (&date, ago);
      else
        g_date_add_days (&date, -ago);
      g_snprintf (day->iso, sizeof day->iso, "%04u-%02u-%02u",
                  g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date));
      noon = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                              g_date_get_day (&date), 12, 0, 0);
      day->noon = g_date_time_to_unix (noon);
      day->weekday = g_date_get_weekday (&date);
    }

  /* A realistic few: about one contact in eighty overdue, one in two
   * hundred and fifty due today, one in fifty coming up. */
  s->pending_left[RAPPORT_FOLLOWUP_OVERDUE] = MAX (n_contacts / 80, MIN (3, n_contacts / 10));
  s->pending_left[RAPPORT_FOLLOWUP_TODAY] = MAX (n_contacts / 250, MIN (2, n_contacts / 15));
  s->pending_left[RAPPORT_FOLLOWUP_UPCOMING] = MAX (n_contacts / 50, MIN (4, n_contacts / 8));

  step = MAX (1, (n_contacts + 99) / 100);
  /* Small networks go one by one, so that nearly everybody may have been
   * introduced by someone met before. */
  batch = CLAMP (n_contacts / 100, 1, MAX_BATCH);

  /* Rows land all over the uuid indexes: with SQLite's default 2 MB page
   * cache, a big fill spends much of its time writing pages out to the
   * journal and reading them back. 32 MB halves that; more only moves the
   * writing to the commit. */
  old_cache_size = get_cache_size (store);
  rapport_store_exec (store, "PRAGMA cache_size = -32768", NULL);

  /* The calendar comes first: people are met at its events. */
  plan_calendar (s, n_events);
  if (!rapport_store_begin (store, error) ||
      !write_profile (s, &wrote_profile, error) ||
      !write_groups (s, error) ||
      !write_events (s, cancellable, error))
    ok = FALSE;
  for (guint done = 0; ok && done < n_contacts;)
    {
      Draft drafts[MAX_BATCH] = { { 0 } };
      guint n = MIN (batch, n_contacts - done);

      for (guint i = 0; ok && i < n; i++)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            ok = FALSE;
          else
            make_contact (s, done + i, n_contacts, &drafts[i]);
        }
      if (ok && !write_batch (s, drafts, n, done, n_contacts, error))
        ok = FALSE;
      for (guint i = 0; i < n; i++)
        draft_clear (&drafts[i]);
      done += n;
      if (ok && progress != NULL && (done / step != (done - n) / step || done == n_contacts))
        progress (done, n_contacts, user_data);
    }
  if (ok && (!write_reunions (s, cancellable, error) || !write_huddles (s, error)))
    ok = FALSE;
  /* Recorded for sync in one pass per table, in an order in which every
   * record arrives after those it points at: groups, the events they
   * host, the contacts met there, then timelines, follow-ups and who was
   * met where, then the huddles, their members, meetings and attendance,
   * and the referral ledger. */
  if (ok &&
      (!record (store, "group", s->groups, error) ||
       !record (store, "event", s->events, error) ||
       !record (store, "contact", s->contacts, error) ||
       !record (store, "interaction", s->interactions, error) ||
       !record (store, "followup", s->followups, error) ||
       !record (store, "event_person", s->event_people, error) ||
       !record (store, "huddle", s->huddles, error) ||
       !record (store, "huddle_member", s->huddle_members, error) ||
       !record (store, "meeting", s->meetings, error) ||
       !record (store, "attendance", s->attendance, error) ||
       !record (store, "referral", s->referrals, error) ||
       !record (store, "referral_step", s->referral_steps, error) ||
       !remember_sample (store, "contacts", s->contacts, error) ||
       !remember_sample (store, "groups", s->groups, error) ||
       !remember_sample (store, "events", s->events, error) ||
       !remember_sample (store, "huddles", s->huddles, error) ||
       !remember_sample (store, "huddle_members", s->huddle_members, error) ||
       !remember_sample (store, "meetings", s->meetings, error) ||
       !remember_sample (store, "referrals", s->referrals, error) ||
       !rapport_store_commit (store, error)))
    ok = FALSE;
  if (!ok)
    rapport_store_rollback (store);
  if (old_cache_size != 0)
    {
      g_autofree char *restore = g_strdup_printf ("PRAGMA cache_size = %d", old_cache_size);

      rapport_store_exec (store, restore, NULL);
    }

  g_rand_free (s->rand);
  g_array_unref (s->people);
  g_array_unref (s->connectors);
  g_string_chunk_free (s->names);
  g_array_unref (s->plans);
  for (guint i = 0; i < N_SERIES; i++)
    g_array_unref (s->regulars[i]);

  if (!ok)
    return FALSE;

  emit_sample_changed (store, wrote_profile);
  return TRUE;
}
